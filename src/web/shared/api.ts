import type { ErrorCode } from '../../contracts/errors.js';
import { errorText } from './errorText';
import { t } from './i18n';

/**
 * What an error answer's code can be: one the API declares (src/contracts/errors.ts, so comparing
 * with a code the server never sends fails the type check), or HTTP_<status> when the answer carried
 * none (a proxy's 502, a network error page).
 */
export type ApiErrorCode = ErrorCode | `HTTP_${number}`;

/** The console's one API client: JSON in and out, errors decoded by code in one place. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    /** The server's id for the request (its X-Request-Id header), to quote when reporting a failure. */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();

/** Lets the app react to session-wide codes (signed out, passkey required) wherever they happen. */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Answers STEP_UP_REQUIRED (and RECENT_SIGN_IN_REQUIRED) with a passkey prompt; when it resolves
 * true the request is sent once more. Registered by the account feature's StepUpPrompt.
 */
type StepUpHandler = (error: ApiError) => Promise<boolean>;
let stepUpHandler: StepUpHandler | null = null;
export function setStepUpHandler(handler: StepUpHandler | null): void {
  stepUpHandler = handler;
}
const STEP_UP_CODES = new Set<ApiErrorCode>(['STEP_UP_REQUIRED', 'RECENT_SIGN_IN_REQUIRED']);

export interface RequestOptions {
  /** Do not prompt for a passkey on STEP_UP_REQUIRED (the retry itself, and the passkey check). */
  noStepUp?: boolean;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(withQuery(path, options.query), {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (!response.ok) {
    const apiError = apiErrorOf(response, data);
    if (STEP_UP_CODES.has(apiError.code) && stepUpHandler && !options.noStepUp && (await stepUpHandler(apiError))) {
      return api<T>(path, { ...options, noStepUp: true });
    }
    for (const listener of listeners) listener(apiError);
    throw apiError;
  }
  return data as T;
}

/** A failed answer as an ApiError: the error body's code, message and details, and the request id the server sent. */
export function apiErrorOf(response: Response, body: unknown): ApiError {
  const error = (body as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? t('error.http', { status: response.status }),
    error?.details,
    response.headers.get('x-request-id') ?? undefined,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What went wrong, in the reader's language: an API error by its code (shared/errorText.ts), else the error's own message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return errorText(error.code, error.message, error.details);
  if (error instanceof Error) return error.message;
  return t('error.unknown');
}
