/**
 * The seed's first steps for a new customer: registration, the contact phone and its confirmation,
 * the topup. Each asks Zadarma what is already there before it acts, so a re-run never repeats one.
 */
import { ZadarmaApiError } from '../upstream/client.js';
import { WaitingFor, type StepContext } from './context.js';

interface FoundUser {
  id?: unknown;
  is_active?: unknown;
  balance?: unknown;
}

/** The customer as `users/find` knows it, or undefined when nobody has that e-mail. */
async function findUser(ctx: StepContext): Promise<FoundUser | undefined> {
  try {
    const answer = (await ctx.call('reseller.users.find', { email: ctx.input.email })) as {
      user?: FoundUser;
    };
    return answer.user;
  } catch (error) {
    if (error instanceof ZadarmaApiError && /not found/i.test(error.message)) return undefined;
    throw error;
  }
}

const activeId = (user: FoundUser | undefined) =>
  user && user.is_active !== false && Number(user.id) > 0 ? Number(user.id) : undefined;

export async function register(ctx: StepContext): Promise<void> {
  const { input } = ctx;
  const existing = await findUser(ctx);
  let userId = activeId(existing);
  if (userId === undefined && !existing) {
    const answer = (await ctx.call('reseller.users.registration.new', {
      email: input.email,
      first_name: input.firstName,
      country: input.country,
      ...(input.currency ? { currency: input.currency } : {}),
      ...(input.language ? { language: input.language as 'de' } : {}),
    })) as { user_id?: unknown };
    if (Number(answer.user_id) > 0) userId = Number(answer.user_id);
  }
  if (userId === undefined && input.registrationCode) {
    const answer = (await ctx.call('reseller.users.registration.confirm', {
      email: input.email,
      code: input.registrationCode,
    })) as { user_id?: unknown };
    userId = Number(answer.user_id);
  }
  if (userId === undefined) {
    throw new WaitingFor(
      'registration',
      `${input.email} is registered but not active yet: the customer follows Zadarma's e-mail link, or run again with --registration-code`,
    );
  }
  ctx.record.userId = userId;
  await ctx.done('register', `customer ${input.email} is user ${userId}`, { userId });
}

interface ContactPhone {
  number?: unknown;
  is_proved?: unknown;
}

const digits = (number: string) => number.replace(/[^0-9]/g, '');

async function contactPhone(ctx: StepContext): Promise<ContactPhone | undefined> {
  const answer = (await ctx.forUser('reseller.users.phones.get')) as { list?: ContactPhone[] };
  return answer.list?.find((p) => digits(String(p.number ?? '')) === digits(ctx.input.phone));
}

export async function addPhone(ctx: StepContext): Promise<void> {
  if (!(await contactPhone(ctx))) await ctx.forUser('reseller.users.phones.add', { number: ctx.input.phone });
  await ctx.done('phone', `contact phone ${ctx.input.phone} added`);
}

/** Resolves once the phone is confirmed; otherwise sends one SMS (once) and waits for the code. */
export async function confirmPhone(ctx: StepContext): Promise<void> {
  const { input } = ctx;
  const phone = await contactPhone(ctx);
  if (phone?.is_proved === true) return ctx.done('phone_confirmed', `${input.phone} is confirmed`);
  if (input.phoneCode) {
    await ctx.forUser('reseller.users.phones.confirm', { number: input.phone, code: input.phoneCode });
    return ctx.done('phone_confirmed', `${input.phone} is confirmed with the code given`);
  }
  const sent = ctx.step('phone_confirmed')?.detail?.smsSentAt;
  if (!sent || input.resendCode) {
    // Recorded first: an SMS costs money, and a lost answer must not mean a second one on the next run.
    await ctx.started('phone_confirmed', { smsSentAt: new Date().toISOString() });
    await ctx.forUser('reseller.users.phones.prove_by_sms', {
      number: input.phone,
      ...(input.confirmReuse ? { confirm_number_reuse: 1 } : {}),
    });
  }
  throw new WaitingFor(
    'phone_code',
    `an SMS code was sent to ${input.phone}${sent && !input.resendCode ? ` at ${String(sent)}` : ''}: ` +
      'the customer enters it in <zd-phone-verify>, or run again with --code <code> (--resend for a new SMS)',
  );
}

const balanceOf = (user: FoundUser | undefined) => Number(user?.balance ?? NaN);

/**
 * Once, even when its answer was lost: the balance is read and recorded before the topup is sent;
 * a re-run that finds the step started and the balance grown counts it as done.
 */
export async function topUp(ctx: StepContext): Promise<void> {
  const topup = ctx.input.topup;
  if (!topup) return;
  const before = ctx.step('topup');
  const now = balanceOf(await findUser(ctx));
  if (before?.state === 'started') {
    const was = Number(before.detail?.balanceBefore);
    if (Number.isFinite(was) && now > was) {
      return ctx.done('topup', `topup of ${topup.amount} ${topup.currency} had arrived (balance ${now})`, {
        balanceBefore: was,
        balanceAfter: now,
      });
    }
  }
  await ctx.started('topup', { balanceBefore: now });
  await ctx.call('reseller.users.topup', {
    user_id: ctx.userId,
    amount: topup.amount,
    currency: topup.currency,
  });
  await ctx.done('topup', `topped up ${topup.amount} ${topup.currency}`, { balanceBefore: now });
}
