import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type CSSProperties, createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '../api/client';
import { serviceStatusName } from '../api/labels';
import type { ServiceStatus } from '../api/types';
import { platform } from '../platform';
import { applyRootSize, careModeOn, describeInput, focusById, focusFirstInvalid, sizeScale, storeCareMode } from './a11y';

/*
 * Shared building blocks of every page. They carry the accessibility rules (issue 9), so a page
 * built from them passes the checks in tests/e2e/a11y-pages.test.ts:
 * - Page: the page root; care mode (大字模式) and the WeChat font size scale everything in it.
 * - Tap: anything clickable that is not a Button (tiles, chips, links, stars): a role, a name,
 *   a tab stop, Enter/Space.
 * - Field / TextField: a label tied to the input, the hint and the error beside the field, the
 *   field marked invalid; Enter submits (onSubmit).
 * - useFieldErrors: a form's field errors; showing them scrolls to and focuses the first one.
 * - ErrorBox (role alert) with an optional 重试, SuccessBox (role status), Loading.
 * - confirmFirst (from ./a11y): ask before what cannot be undone.
 * Taro's Button is made keyboard-reachable for the whole app in ./a11y, so pages keep using it.
 */

// ---------------------------------------------------------------- care mode

interface CareState {
  care: boolean;
  setCare: (on: boolean) => void;
}

const CareContext = createContext<CareState>({ care: false, setCare: () => undefined });

/** Holds care mode for the whole app (app.ts wraps every page in it). */
export function CareProvider({ children }: { children?: ReactNode }) {
  const [care, setCareState] = useState(careModeOn);
  const setCare = useCallback((on: boolean) => {
    storeCareMode(on);
    applyRootSize(on);
    setCareState(on);
  }, []);
  return <CareContext.Provider value={{ care, setCare }}>{children}</CareContext.Provider>;
}

export function useCareMode(): CareState {
  return useContext(CareContext);
}

/**
 * The root of a page. In the WeChat build it sets `--s`, the factor app.css multiplies text and
 * control sizes by (care mode, WeChat's own font size); in H5 the root font size does that.
 */
export function Page({ id, className, children, style }: { id?: string; className?: string; children?: ReactNode; style?: CSSProperties }) {
  const { care } = useCareMode();
  const scale = platform.scalesBySetting ? sizeScale(care) : 1;
  const vars = scale !== 1 ? ({ '--s': String(scale) } as unknown as CSSProperties) : undefined;
  return (
    <View id={id} className={`page ${care ? 'care' : ''} ${className ?? ''}`} style={{ ...vars, ...style }}>
      {children}
    </View>
  );
}

// ---------------------------------------------------------------- clickable things

type TapRole = 'button' | 'link' | 'tab' | 'radio' | 'checkbox' | 'switch';

interface TapProps {
  id?: string;
  className?: string;
  style?: CSSProperties;
  onTap: () => void;
  /** What a screen reader calls it; the visible text when omitted. */
  label?: string;
  role?: TapRole;
  /** For tab, radio, checkbox and switch: whether it is the chosen one. */
  selected?: boolean;
  disabled?: boolean;
  testId?: string;
  children?: ReactNode;
}

/** Anything that reacts to a tap: a role, a name, a tab stop; Enter and Space press it (./a11y). */
export function Tap({ id, className, style, onTap, label, role = 'button', selected, disabled, testId, children }: TapProps) {
  const state: Record<string, string> = {};
  if (selected !== undefined) {
    if (role === 'tab') state['aria-selected'] = String(selected);
    else if (role === 'radio' || role === 'checkbox' || role === 'switch') state['aria-checked'] = String(selected);
    else state['aria-pressed'] = String(selected);
  }
  const a11y = {
    role,
    tabIndex: 0,
    'aria-disabled': disabled ? 'true' : undefined,
    'aria-label': label,
    ...state,
  };
  return (
    <View
      id={id}
      data-testid={testId ?? id}
      className={`tap ${className ?? ''}`}
      style={style}
      {...(a11y as object)}
      onClick={() => {
        if (!disabled) onTap();
      }}
    >
      {children}
    </View>
  );
}

/** A text link (role link): to another page or a small action. */
export function Link({ id, onTap, children, className, label }: { id?: string; onTap: () => void; children?: ReactNode; className?: string; label?: string }) {
  return (
    <Tap id={id} role="link" className={`link ${className ?? ''}`} onTap={onTap} label={label}>
      {children}
    </Tap>
  );
}

/** A row of chips where one is chosen (filters, sign-in methods): a tablist or a radio group. */
export function Chips<K extends string>({
  id,
  label,
  options,
  value,
  onChange,
  kind = 'radio',
}: {
  id?: string;
  label: string;
  options: { key: K; label: string; id?: string }[];
  value: K;
  onChange: (key: K) => void;
  kind?: 'radio' | 'tab';
}) {
  return (
    <View id={id} className="tabs" {...({ role: kind === 'tab' ? 'tablist' : 'radiogroup', 'aria-label': label } as object)}>
      {options.map((o) => (
        <Tap
          key={o.key}
          id={o.id}
          role={kind}
          selected={value === o.key}
          className={`tab ${value === o.key ? 'tab-active' : ''}`}
          onTap={() => onChange(o.key)}
        >
          {o.label}
        </Tap>
      ))}
    </View>
  );
}

// ---------------------------------------------------------------- messages

/** A message for the whole form or page; with onRetry, a 重试 button beside it. */
export function ErrorBox({ id, message, onRetry }: { id?: string; message: string; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <View id={id} className="error-box" data-testid={id} {...({ role: 'alert', tabIndex: -1 } as object)}>
      <Text className="error-text">{message}</Text>
      {onRetry ? (
        <Button id={id ? `${id}-retry` : undefined} className="btn btn-secondary btn-retry" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

export function SuccessBox({ id, message }: { id?: string; message: string }) {
  if (!message) return null;
  return (
    <View id={id} className="success-box" data-testid={id} {...({ role: 'status' } as object)}>
      {message}
    </View>
  );
}

// ---------------------------------------------------------------- fields

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  password?: boolean;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxlength?: number;
  /** The field's own error, shown beside it; the field is marked invalid while there is one. */
  error?: string;
  required?: boolean;
  /** Enter (or the keyboard's 完成/前往) submits the form. */
  onSubmit?: () => void;
}

function useInputDescription(id: string, hint: string | undefined, error: string | undefined, required: boolean | undefined) {
  useEffect(() => {
    const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    describeInput(id, { labelledBy: `${id}-label`, describedBy, invalid: !!error, required: !!required });
  });
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <View id={`${id}-field`} className={`field ${error ? 'field-invalid' : ''}`}>
      <Text id={`${id}-label`} className="label">
        {label}
        {required ? <Text className="required"> （必填）</Text> : null}
      </Text>
      {children}
      {error ? (
        <Text id={`${id}-error`} className="field-error">
          {error}
        </Text>
      ) : null}
      {hint ? (
        <Text id={`${id}-hint`} className="hint">
          {hint}
        </Text>
      ) : null}
    </View>
  );
}

/** A labelled input. The id sits on Taro's Input so tests can fill `#id input` in H5. */
export function Field({ id, label, value, onChange, placeholder, hint, password, type, maxlength, error, required, onSubmit }: FieldProps) {
  useInputDescription(id, hint, error, required);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <Input
        id={id}
        className={`input ${error ? 'input-invalid' : ''}`}
        value={value}
        password={password}
        type={type ?? 'text'}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        placeholderStyle="color:#767676"
        confirmType={onSubmit ? 'go' : 'done'}
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={onSubmit ? () => onSubmit() : undefined}
      />
    </FieldFrame>
  );
}

export function TextField({ id, label, value, onChange, placeholder, maxlength, hint, error, required }: Omit<FieldProps, 'password' | 'type' | 'onSubmit'>) {
  useInputDescription(id, hint, error, required);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <Textarea
        id={id}
        className={`textarea ${error ? 'input-invalid' : ''}`}
        value={value}
        maxlength={maxlength ?? 2000}
        placeholder={placeholder}
        placeholderStyle="color:#767676"
        onInput={(e) => onChange(e.detail.value)}
      />
    </FieldFrame>
  );
}

/**
 * The error of a choice that is not an input (tiles, stars), shown beside it. Pass the same id
 * to the choice's container (`invalidProps(id, error)`) so it is marked and focusable.
 */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <Text id={`${id}-error`} className="field-error">
      {message}
    </Text>
  );
}

/** Props for a choice group (radiogroup) whose error FieldError shows: named, marked, focusable. */
export function choiceGroupProps(id: string, label: string, error?: string): object {
  return {
    id: `${id}-field`,
    role: 'radiogroup',
    'aria-label': label,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    tabIndex: error ? -1 : undefined,
  };
}

/**
 * A form's field errors, keyed by field id. `show` marks the fields and scrolls to and focuses
 * the first one (in page order); it returns whether there was anything to show, so a submit
 * handler reads `if (errors.show(check())) return;`.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const pending = useRef<string[] | null>(null);
  useEffect(() => {
    if (pending.current) {
      focusFirstInvalid(pending.current);
      pending.current = null;
    }
  });
  const show = useCallback((next: Record<string, string | undefined | false>) => {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(next)) if (v) clean[k] = v;
    setErrors(clean);
    const ids = Object.keys(clean);
    if (ids.length) pending.current = ids;
    return ids.length > 0;
  }, []);
  const clear = useCallback(() => setErrors({}), []);
  /**
   * Puts the server's field problems (`errors: [{ path: 'body.idNumber', … }]`) beside their
   * fields; `fields` maps the body field to the field id. Returns the message for the form-level
   * box: the server's detail when no field took it.
   */
  const fromServer = useCallback(
    (err: unknown, fields: Record<string, string>): string => {
      if (err instanceof ApiError && err.fieldErrors.length) {
        const next: Record<string, string> = {};
        for (const p of err.fieldErrors) {
          const key = p.path.replace(/^(body|query|params)\./, '');
          const id = fields[key];
          if (id && !next[id]) next[id] = p.message;
        }
        if (show(next)) return '';
      }
      return messageOf(err);
    },
    [show],
  );
  return { errors, show, clear, fromServer, of: (id: string) => errors[id] };
}

/** Moves the focus to a message box that just appeared (H5), so a keyboard user hears it. */
export function useFocusOn(id: string, message: string) {
  useEffect(() => {
    if (message) focusById(id);
  }, [id, message]);
}

// ---------------------------------------------------------------- small parts

export function StatusTag({ status, id }: { status: ServiceStatus; id?: string }) {
  return (
    <Text id={id} className={`tag tag-${status}`}>
      {serviceStatusName[status] ?? status}
    </Text>
  );
}

export function Loading() {
  return (
    <Text className="empty" {...({ role: 'status' } as object)}>
      正在加载…
    </Text>
  );
}

/** A phone number a person can tap to call (a tel: link in H5, WeChat's dialler in the weapp). */
export function PhoneLink({ phone, id }: { phone: string; id?: string }) {
  const masked = phone.includes('*');
  if (masked) return <Text className="text">{phone}</Text>;
  return (
    <Tap id={id} role="link" className="link link-inline" label={`打电话 ${phone}`} onTap={() => platform.callPhone(phone)}>
      {phone}
    </Tap>
  );
}

/**
 * Says an act succeeded where the eye is: a toast over the page, on H5 and in WeChat, wherever
 * the button pressed was (the notice kept at the top of the page may be out of sight). WeChat's
 * toast without an icon holds two lines, about 28 characters.
 */
export function toastDone(text: string) {
  const chars = Array.from(text);
  void Taro.showToast({ title: chars.length > 28 ? `${chars.slice(0, 27).join('')}…` : text, icon: 'none', duration: 2500 });
}
