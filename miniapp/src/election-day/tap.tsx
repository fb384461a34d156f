import { View } from '@tarojs/components';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A tappable element with a role, a name and a tab stop (H5: Enter and Space press it, see
 * keyboard.ts). Same props as the shared `Tap` the accessibility work adds to components/ui.tsx,
 * so these pages can switch to it once that lands.
 */
export function Tap({
  id,
  className,
  style,
  onTap,
  label,
  role = 'button',
  selected,
  disabled,
  children,
}: {
  id?: string;
  className?: string;
  style?: CSSProperties;
  onTap: () => void;
  label?: string;
  role?: 'button' | 'link' | 'tab' | 'radio';
  selected?: boolean;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const a11y: Record<string, unknown> = { role, tabIndex: 0, 'aria-label': label, 'aria-disabled': disabled ? 'true' : undefined };
  if (selected !== undefined) a11y[role === 'tab' ? 'aria-selected' : role === 'radio' ? 'aria-checked' : 'aria-pressed'] = String(selected);
  return (
    <View
      id={id}
      data-testid={id}
      className={`ed-tap ${className ?? ''}`}
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

// H5: Enter or Space on a focused control presses it, as on a real button.
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  const w = window as unknown as { __edKeys?: boolean };
  if (!w.__edKeys) {
    w.__edKeys = true;
    document.addEventListener('keydown', (event) => {
      const target = event.target as HTMLElement | null;
      if (!target?.classList?.contains('ed-tap')) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        target.click();
      }
    });
  }
}
