import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.js';

const base = { ZD_SANDBOX: '1', ZD_SESSION_SECRET: 's'.repeat(40) };

function problems(env: Record<string, string>): string[] {
  try {
    configFromEnv({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has defaults for the limits, the webhooks, the event streams and verification', () => {
    const { proxy } = configFromEnv(base);
    expect(proxy.limits).toEqual({
      headersTimeoutMs: 10_000,
      bodyTimeoutMs: 30_000,
      requestTimeoutMs: 60_000,
    });
    expect(proxy.events).toEqual({ perSession: 3, perUser: 10, queueBytes: 256 * 1024, keepAliveMs: 15_000 });
    expect(proxy.webhooks).toEqual({ maxAgeMs: 4 * 3600 * 1000, timeZone: 'UTC' });
    expect(proxy.verification).toEqual({ channels: ['sms'], perUserPerHour: 5 });
  });

  it('takes every setting', () => {
    const { proxy } = configFromEnv({
      ...base,
      ZD_HEADERS_TIMEOUT_SECONDS: '5',
      ZD_BODY_TIMEOUT_SECONDS: '20',
      ZD_REQUEST_TIMEOUT_SECONDS: '40',
      ZD_EVENTS_PER_SESSION: '2',
      ZD_EVENTS_PER_USER: '4',
      ZD_EVENTS_QUEUE_KIB: '64',
      ZD_EVENTS_KEEPALIVE_SECONDS: '30',
      ZD_WEBHOOK_MAX_AGE_SECONDS: '3600',
      ZD_WEBHOOK_TIMEZONE: 'Europe/Berlin',
      ZD_VERIFY_CHANNELS: 'call_code, sms',
      ZD_VERIFY_CALL_FROM: '+4930123456',
      ZD_VERIFY_SMS_TEMPLATE_ID: '12',
      ZD_VERIFY_SMS_SENDER: '4930654321',
      ZD_VERIFY_PER_HOUR: '2',
    });
    expect(proxy.limits).toEqual({ headersTimeoutMs: 5000, bodyTimeoutMs: 20_000, requestTimeoutMs: 40_000 });
    expect(proxy.events).toEqual({ perSession: 2, perUser: 4, queueBytes: 64 * 1024, keepAliveMs: 30_000 });
    expect(proxy.webhooks).toEqual({ maxAgeMs: 3_600_000, timeZone: 'Europe/Berlin' });
    expect(proxy.verification).toEqual({
      channels: ['call_code', 'sms'],
      callFrom: '4930123456',
      smsTemplateId: 12,
      smsCallerId: '4930654321',
      perUserPerHour: 2,
    });
  });

  it.each([
    [
      { ZD_BODY_TIMEOUT_SECONDS: '30s' },
      /^ZD_BODY_TIMEOUT_SECONDS must be a whole number from 1 to 3600 \(it is "30s"\)$/,
    ],
    [{ ZD_HEADERS_TIMEOUT_SECONDS: '0' }, /^ZD_HEADERS_TIMEOUT_SECONDS must be a whole number/],
    [
      { ZD_BODY_TIMEOUT_SECONDS: '90' },
      /^ZD_BODY_TIMEOUT_SECONDS must not be longer than ZD_REQUEST_TIMEOUT_SECONDS$/,
    ],
    [{ ZD_EVENTS_PER_SESSION: '-1' }, /^ZD_EVENTS_PER_SESSION must be a whole number/],
    [{ ZD_EVENTS_QUEUE_KIB: '1.5' }, /^ZD_EVENTS_QUEUE_KIB must be a whole number/],
    [{ ZD_WEBHOOK_MAX_AGE_SECONDS: '10' }, /^ZD_WEBHOOK_MAX_AGE_SECONDS must be a whole number from 60/],
    [{ ZD_WEBHOOK_TIMEZONE: 'Mars/Olympus' }, /^ZD_WEBHOOK_TIMEZONE is not a time zone: Mars\/Olympus/],
    [
      { ZD_VERIFY_CHANNELS: 'sms,email' },
      /^ZD_VERIFY_CHANNELS: "email" is not a channel \(sms, call_code\)$/,
    ],
    [{ ZD_VERIFY_CHANNELS: 'call_code' }, /^ZD_VERIFY_CHANNELS has call_code: ZD_VERIFY_CALL_FROM must name/],
    [{ ZD_VERIFY_CALL_FROM: 'front desk' }, /^ZD_VERIFY_CALL_FROM must be a phone number/],
    [{ ZD_VERIFY_SMS_TEMPLATE_ID: 'welcome' }, /^ZD_VERIFY_SMS_TEMPLATE_ID must be a whole number/],
    [{ ZD_VERIFY_PER_HOUR: '0' }, /^ZD_VERIFY_PER_HOUR must be a whole number from 1/],
  ])('%j stops the start with one line', (env, message) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });
});
