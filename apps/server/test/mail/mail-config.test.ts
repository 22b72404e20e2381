import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskedConfig } from '../../src/config.ts';
import { runCli } from '../cli/run-cli.ts';

const production = {
  NODE_ENV: 'production',
  APP_SECRET: 'a-production-secret-of-more-than-32-bytes',
  PUBLIC_URL: 'https://shop.example.com',
};

function problems(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('mail configuration', () => {
  it('defaults to the development transport and a localhost sender outside production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).mail).toEqual({ smtpUrl: undefined, from: 'Winkel <no-reply@localhost>' });
    expect(loadConfig({ NODE_ENV: 'test', SMTP_URL: ' smtps://smtp.example.com ', MAIL_FROM: 'shop@example.com' }).mail).toEqual({ smtpUrl: 'smtps://smtp.example.com', from: 'shop@example.com' });
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://, without echoing its password', () => {
    for (const url of ['http://u:pw-in-url-1@mail.example.com', 'smtp://', 'mail.example.com:587', 'smtp://u:pw-in-url-1@host:99999', 'smtp://host/path', 'smtp://host?pool=true', 'smtpx://u:pw-in-url-1@host']) {
      const found = problems({ NODE_ENV: 'development', SMTP_URL: url });
      expect(found.map((p) => p.variable), url).toEqual(['SMTP_URL']);
      expect(found[0]!.message).toMatch(/^must be smtp:\/\//);
      expect(JSON.stringify(found)).not.toContain('pw-in-url-1');
    }
  });

  it('refuses a MAIL_FROM that is not an address', () => {
    for (const from of ['not an address', 'Shop <shop@example.com', 'Shop\r\nBcc: x@example.com <shop@example.com>']) {
      expect(problems({ NODE_ENV: 'development', MAIL_FROM: from }).map((p) => p.variable), from).toEqual(['MAIL_FROM']);
    }
  });

  it('requires SMTP_URL and MAIL_FROM in production, so the development transport never runs there', () => {
    const found = problems(production);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variable: 'SMTP_URL', message: expect.stringContaining('must be set in production') }),
        expect.objectContaining({ variable: 'MAIL_FROM', message: 'must be set in production' }),
      ]),
    );
    expect(loadConfig({ ...production, SMTP_URL: 'smtps://u:p@smtp.example.com', MAIL_FROM: 'Shop <shop@example.com>' }).mail.smtpUrl).toBe('smtps://u:p@smtp.example.com');
  });

  it('masks the SMTP password in maskedConfig and in `winkel config check`', async () => {
    const env = { SMTP_URL: 'smtp://mailer:smtp-pw-never-printed@smtp.example.com:587', MAIL_FROM: 'Shop <shop@example.com>' };
    expect(JSON.stringify(maskedConfig(loadConfig({ NODE_ENV: 'test', ...env })))).not.toContain('smtp-pw-never-printed');

    const res = await runCli(['config', 'check'], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout + res.stderr).not.toContain('smtp-pw-never-printed');
    const printed = JSON.parse(res.stdout.slice(res.stdout.indexOf('{'))) as { mail: { smtpUrl: string; from: string } };
    expect(printed.mail).toEqual({ smtpUrl: 'smtp://mailer:********@smtp.example.com:587', from: 'Shop <shop@example.com>' });
  });
});
