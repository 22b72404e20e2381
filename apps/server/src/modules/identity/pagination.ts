/** Lists paginate the platform's way; kept here so identity's imports read locally. */
export * from '../../platform/http/pagination.ts';
