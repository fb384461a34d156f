import { Input, Text, Textarea, View } from '@tarojs/components';
import { serviceStatusName } from '../api/labels';
import type { ServiceStatus } from '../api/types';

export function ErrorBox({ id, message }: { id?: string; message: string }) {
  if (!message) return null;
  return (
    <View id={id} className="error-box" data-testid={id}>
      {message}
    </View>
  );
}

export function SuccessBox({ id, message }: { id?: string; message: string }) {
  if (!message) return null;
  return (
    <View id={id} className="success-box" data-testid={id}>
      {message}
    </View>
  );
}

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
}

/** A labelled input. The id sits on Taro's Input so tests can fill `#id input` in H5. */
export function Field({ id, label, value, onChange, placeholder, hint, password, type, maxlength }: FieldProps) {
  return (
    <View className="field">
      <Text className="label">{label}</Text>
      <Input
        id={id}
        className="input"
        value={value}
        password={password}
        type={type ?? 'text'}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        placeholderStyle="color:#767676"
        onInput={(e) => onChange(e.detail.value)}
      />
      {hint ? <Text className="hint">{hint}</Text> : null}
    </View>
  );
}

export function TextField({ id, label, value, onChange, placeholder, maxlength }: Omit<FieldProps, 'password' | 'type' | 'hint'>) {
  return (
    <View className="field">
      <Text className="label">{label}</Text>
      <Textarea
        id={id}
        className="textarea"
        value={value}
        maxlength={maxlength ?? 2000}
        placeholder={placeholder}
        placeholderStyle="color:#767676"
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

export function StatusTag({ status, id }: { status: ServiceStatus; id?: string }) {
  return (
    <Text id={id} className={`tag tag-${status}`}>
      {serviceStatusName[status] ?? status}
    </Text>
  );
}

export function Loading() {
  return <Text className="empty">正在加载…</Text>;
}
