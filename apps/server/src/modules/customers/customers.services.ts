import { createAddressService } from './address.service.ts';
import { createCustomerAdminService } from './customer-admin.service.ts';
import { createCustomerLoginService } from './customer-login.service.ts';
import { createCustomerPasswordService } from './customer-password.service.ts';
import type { CustomerDeps } from './customers.deps.ts';
import { createLoginCodeService } from './login-code.service.ts';
import { createProfileService } from './profile.service.ts';
import { createRegistrationService } from './registration.service.ts';

export function createCustomerServices(deps: CustomerDeps) {
  return {
    registration: createRegistrationService(deps),
    login: createCustomerLoginService(deps),
    loginCodes: createLoginCodeService(deps),
    passwords: createCustomerPasswordService(deps),
    profile: createProfileService(deps),
    addresses: createAddressService(deps),
    admin: createCustomerAdminService(deps),
  };
}

export type CustomerServices = ReturnType<typeof createCustomerServices>;
