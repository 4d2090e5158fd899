/** The numbers operations of the proxy (`/v1/direct_numbers/...`, balance): what the number picker calls. */
import type {
  AutoprolongationParams,
  AutoprolongationResult,
  AvailableNumber,
  Balance,
  CallOptions,
  Country,
  Destination,
  Json200,
  OrderParams,
  OrderResult,
  OwnNumber,
  PathWith,
  SetCallerNameParams,
  SetCallerNameResult,
  SetSipIdParams,
  SetSipIdResult,
  ZdClient,
} from './zd-client.js';

export function countries(client: ZdClient, language: string, options: CallOptions = {}): Promise<Country[]> {
  return client
    .request<Json200<'direct_numbers.countries'>>(
      'GET',
      '/v1/direct_numbers/countries' satisfies PathWith<'GET'>,
      { query: { language }, signal: options.signal },
    )
    .then((d) => d.info);
}

export function destinations(
  client: ZdClient,
  country: string,
  language: string,
  options: CallOptions = {},
): Promise<Destination[]> {
  return client
    .request<Json200<'direct_numbers.country'>>(
      'GET',
      '/v1/direct_numbers/country' satisfies PathWith<'GET'>,
      {
        query: { country, language },
        signal: options.signal,
      },
    )
    .then((d) => d.info);
}

export function availableNumbers(
  client: ZdClient,
  directionId: string,
  mask?: string,
  options: CallOptions = {},
): Promise<AvailableNumber[]> {
  return client
    .request<Json200<'direct_numbers.available'>>(
      'GET',
      '/v1/direct_numbers/available/{direction_id}' satisfies PathWith<'GET'>,
      { path: { direction_id: directionId }, query: { mask }, signal: options.signal },
    )
    .then((d) => d.numbers);
}

/**
 * Orders a number. `idempotencyKey` names the user's intent: send the same key on every retry of the
 * same confirmation, so the proxy replays the first answer instead of ordering twice.
 */
export function order(
  client: ZdClient,
  params: OrderParams,
  idempotencyKey: string,
  options: CallOptions = {},
): Promise<OrderResult> {
  return client.request<OrderResult>('POST', '/v1/direct_numbers/order' satisfies PathWith<'POST'>, {
    form: params,
    headers: { 'Idempotency-Key': idempotencyKey },
    signal: options.signal,
  });
}

export function setSipId(
  client: ZdClient,
  params: SetSipIdParams,
  options: CallOptions = {},
): Promise<SetSipIdResult> {
  return client.request<SetSipIdResult>('PUT', '/v1/direct_numbers/set_sip_id' satisfies PathWith<'PUT'>, {
    form: params,
    signal: options.signal,
  });
}

export function setCallerName(
  client: ZdClient,
  params: SetCallerNameParams,
  options: CallOptions = {},
): Promise<SetCallerNameResult> {
  return client.request<SetCallerNameResult>(
    'PUT',
    '/v1/direct_numbers/set_caller_name' satisfies PathWith<'PUT'>,
    { form: params, signal: options.signal },
  );
}

/** Turns automatic renewal of an own number on or off. */
export function setAutoprolongation(
  client: ZdClient,
  params: AutoprolongationParams,
  options: CallOptions = {},
): Promise<AutoprolongationResult> {
  return client.request<AutoprolongationResult>(
    'PUT',
    '/v1/direct_numbers/autoprolongation' satisfies PathWith<'PUT'>,
    { form: params, signal: options.signal },
  );
}

/** The user's own numbers (to learn whether an order whose answer was lost went through). */
export function ownNumbers(client: ZdClient, options: CallOptions = {}): Promise<OwnNumber[]> {
  return client
    .request<Json200<'direct_numbers'>>('GET', '/v1/direct_numbers' satisfies PathWith<'GET'>, {
      signal: options.signal,
    })
    .then((d) => d.info);
}

export function balance(client: ZdClient, options: CallOptions = {}): Promise<Balance> {
  return client.request<Balance>('GET', '/v1/info/balance' satisfies PathWith<'GET'>, {
    signal: options.signal,
  });
}
