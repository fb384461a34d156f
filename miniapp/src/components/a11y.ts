import Taro from '@tarojs/taro';
import { platform } from '../platform';
import { type InputDescription, inputDescriber } from './input-description';

/**
 * Keyboard, screen-reader and text-size support shared by every page.
 *
 * Taro's H5 build renders View/Text/Button as custom elements (`taro-view-core`, …) with no role
 * and no tab stop, so the keyboard reaches nothing and a screen reader announces nothing (see
 * FACTS.md). Components in ui.tsx give their elements a role, a name and a tab stop; this module
 * adds what must hold for every page, including pages written later against plain Taro
 * components:
 * - every Taro `Button` gets role="button" and a tab stop (a MutationObserver watches the page);
 * - Enter and Space press whatever focused element has a button-like role;
 * - the platform's confirm dialog (Taro.showModal in H5) becomes a real dialog: role, name,
 *   focus inside it, Escape cancels, focus returns to where it was;
 * - the root font size follows the browser's default font size (a percentage, not fixed px) and
 *   grows further in care mode (大字模式).
 * In the WeChat build none of this DOM work applies: WeChat's own components are accessible, and
 * care mode scales text through the `--s` custom property set by the Page component.
 */

const isH5 = platform.dom;

/** Care mode makes every size 1.3× (18 px body text → 23.4 px; 50 px buttons → 65 px). */
export const CARE_SCALE = 1.3;
const CARE_KEY = 'careMode';

const PRESSABLE = new Set(['button', 'link', 'tab', 'radio', 'checkbox', 'switch', 'menuitem', 'option']);

/** The user's explicit choice, or null when they never chose (then the system font size decides). */
export function storedCareMode(): boolean | null {
  try {
    const v: unknown = Taro.getStorageSync(CARE_KEY);
    return v === true || v === false ? v : null;
  } catch {
    return null;
  }
}

export function storeCareMode(on: boolean): void {
  Taro.setStorageSync(CARE_KEY, on);
}

/**
 * WeChat's font-size setting (px; 16 or 17 is the standard size), or null off WeChat. Text in
 * the weapp build is scaled by it, so a resident who made WeChat's text larger gets larger text
 * here too.
 */
export function systemFontSize(): number | null {
  if (isH5) return null;
  try {
    const info = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeSetting?: number };
    return typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0 ? info.fontSizeSetting : null;
  } catch {
    return null;
  }
}

/** Whether care mode is on: the resident's choice, else on when WeChat's text is set large. */
export function careModeOn(): boolean {
  const chosen = storedCareMode();
  if (chosen !== null) return chosen;
  const system = systemFontSize();
  return system !== null && system >= 20;
}

/** The factor every size is multiplied by in the weapp build (H5 scales the root instead). */
export function sizeScale(care: boolean): number {
  const system = systemFontSize();
  const follow = system ? Math.max(1, system / 17) : 1;
  const wanted = care ? Math.max(CARE_SCALE, follow) : follow;
  return Math.min(wanted, maxScale());
}

/**
 * The largest scale at which a line of body text (17 px × scale, within 64 px × scale of margins
 * on a 375 px screen) still holds about 8 characters: 1.7 on a 375 px phone. Larger than that,
 * words break in the middle and two-column tiles hold two or three characters.
 */
export function maxScale(): number {
  let width = 375;
  try {
    width = Taro.getWindowInfo?.().windowWidth || width;
  } catch {
    // Off WeChat and before the window exists: a phone's width.
  }
  return width / 220;
}

/** H5: the root font size as Taro computes it, as a share of the browser's default font size. */
export function applyRootSize(care: boolean): void {
  if (!isH5 || typeof document === 'undefined') return;
  const w = (window as unknown as { __applyRootSize?: (care: boolean) => void }).__applyRootSize;
  if (w) w(care);
  document.documentElement.classList.toggle('care', care);
}

let installed = false;

/** H5: roles, tab stops and key handling for the whole document. Call once at start-up. */
export function installKeyboardSupport(): void {
  if (!isH5 || installed || typeof document === 'undefined') return;
  installed = true;
  applyRootSize(careModeOn());

  document.addEventListener(
    'keydown',
    (event) => {
      const el = event.target as HTMLElement | null;
      if (!el || (event.key !== 'Enter' && event.key !== ' ')) return;
      const role = el.getAttribute('role');
      if (!role || !PRESSABLE.has(role)) return;
      const tag = el.tagName.toLowerCase();
      if (tag === 'button' || tag === 'a' || tag === 'input' || tag === 'textarea') return;
      if (el.getAttribute('aria-disabled') === 'true') {
        event.preventDefault();
        return;
      }
      event.preventDefault();
      el.click();
    },
    true,
  );

  // A tab page (pages/…) has no back arrow and no home icon in WeChat; the H5 title bar follows (app.css).
  const markTabPage = () => {
    const route = window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
    document.documentElement.dataset.tabPage = route === '' || route.startsWith('pages/') ? 'true' : 'false';
  };
  markTabPage();
  window.addEventListener('hashchange', markTabPage);

  const enhance = (root: ParentNode) => {
    markTabPage();
    for (const b of Array.from(root.querySelectorAll<HTMLElement>('taro-button-core'))) {
      if (!b.hasAttribute('role')) b.setAttribute('role', 'button');
      const disabled = b.getAttribute('disabled');
      const off = disabled !== null && disabled !== 'false';
      if (!b.hasAttribute('tabindex')) b.setAttribute('tabindex', '0');
      b.setAttribute('aria-disabled', off ? 'true' : 'false');
    }
    // The H5 title bar's back and home icons: reachable and named.
    for (const icon of Array.from(root.querySelectorAll<HTMLElement>('.taro-navigation-bar-back, .taro-navigation-bar-home'))) {
      if (!icon.hasAttribute('role')) {
        icon.setAttribute('role', 'button');
        icon.setAttribute('tabindex', '0');
        icon.setAttribute('aria-label', icon.classList.contains('taro-navigation-bar-back') ? '返回上一页' : '回到首页');
      }
    }
    // The H5 tab bar: each tab a link with its label as name.
    for (const item of Array.from(root.querySelectorAll<HTMLElement>('.weui-tabbar__item'))) {
      if (!item.hasAttribute('role')) {
        item.setAttribute('role', 'link');
        item.setAttribute('tabindex', '0');
      }
      const label = item.querySelector('.weui-tabbar__label')?.textContent?.trim();
      if (label && item.getAttribute('aria-label') !== label) item.setAttribute('aria-label', label);
      const current = item.classList.contains('weui-bar__item_on');
      item.setAttribute('aria-current', current ? 'page' : 'false');
    }
    for (const img of Array.from(root.querySelectorAll<HTMLElement>('.weui-tabbar__icon, .taro-navigation-bar-back img, .taro-navigation-bar-home img'))) {
      if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
    }
    // Taro's Image wraps a real <img>: it takes the text given to the Image (alt), else it is
    // decoration for a screen reader (alt="").
    for (const host of Array.from(root.querySelectorAll<HTMLElement>('taro-image-core'))) {
      const img = host.querySelector('img');
      const text = host.getAttribute('alt') ?? host.getAttribute('aria-label') ?? '';
      if (img && img.getAttribute('alt') !== text) img.setAttribute('alt', text);
    }
    // Taro creates the real <input>/<textarea> inside its element after React's render: tie
    // it to its label (`<id>-label`, as Field renders it) whenever it appears.
    for (const host of Array.from(root.querySelectorAll<HTMLElement>('taro-input-core[id], taro-textarea-core[id]'))) {
      const inner = host.querySelector<HTMLElement>('input, textarea');
      if (inner && !inner.hasAttribute('aria-labelledby') && !inner.hasAttribute('aria-label') && document.getElementById(`${host.id}-label`)) {
        inner.setAttribute('aria-labelledby', `${host.id}-label`);
      }
    }
    // Each page scrolls inside its own container: the keyboard must be able to scroll it too.
    for (const page of Array.from(root.querySelectorAll<HTMLElement>('.taro_page'))) {
      if (!page.hasAttribute('tabindex')) page.setAttribute('tabindex', '0');
    }
    const tabbar = root.querySelector<HTMLElement>('.weui-tabbar');
    if (tabbar && !tabbar.hasAttribute('role')) {
      tabbar.setAttribute('role', 'navigation');
      tabbar.setAttribute('aria-label', '主菜单');
    }
  };
  const run = () => enhance(document);
  // Attribute changes (disabled, the active tab) matter too; the work is small and idempotent.
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      run();
    });
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'class'] });
  run();
}

/** The visible page in H5 (Taro keeps earlier pages of the stack in the DOM, hidden). */
function visiblePage(): ParentNode {
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => p.offsetParent !== null || p.style.display !== 'none');
  return pages[pages.length - 1] ?? document;
}

/**
 * Scrolls to and focuses the first field marked invalid, after the render that marked it.
 * `ids` is the order the form lists them (used in the weapp build, where there is no DOM).
 */
export function focusFirstInvalid(ids: string[], tries = 20): void {
  setTimeout(() => {
    if (isH5 && typeof document !== 'undefined') {
      const page = visiblePage();
      const first = page.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (!first) {
        // The real input Taro creates may not be there (and marked) yet: look again shortly, for up to 1 s.
        if (tries > 0) setTimeout(() => focusFirstInvalid(ids, tries - 1), 50);
        return;
      }
      // Centre it: at the top it would sit under the title bar, where nobody sees it.
      first.scrollIntoView({ block: 'center' });
      first.focus({ preventScroll: true });
      return;
    }
    const id = ids[0];
    if (id) void Taro.pageScrollTo({ selector: `#${id}-field`, duration: 200, offsetTop: -80 }).catch(() => undefined);
  }, 0);
}

/** Moves focus to an element by id (H5), e.g. to a message that just appeared. */
export function focusById(id: string): void {
  if (!isH5 || typeof document === 'undefined') return;
  setTimeout(() => {
    const el = visiblePage().querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }, 0);
}

const describer = inputDescriber(
  (id) => document.getElementById(id)?.querySelector<HTMLElement>('input, textarea') ?? null,
  (run, ms) => void setTimeout(run, ms),
);

/** Ties the real <input>/<textarea> inside Taro's H5 element to its label, hint and error. */
export function describeInput(id: string, attrs: InputDescription): void {
  if (!isH5 || typeof document === 'undefined') return;
  describer.describe(id, attrs);
}

/** Focuses the real input inside a Taro Input (H5). */
export function focusInput(id: string): void {
  if (!isH5 || typeof document === 'undefined') return;
  document.getElementById(id)?.querySelector<HTMLElement>('input, textarea')?.focus();
}

/**
 * Asks before something that cannot be undone, in the platform's own dialog. In H5 the dialog
 * is made a real one: a role and a name, the focus inside it, Escape to cancel, and the focus
 * back where it was afterwards.
 */
export async function confirmFirst(options: { title: string; content: string; confirmText: string; danger?: boolean }): Promise<boolean> {
  // WeChat (and Taro's H5 twin) refuse a confirm text over 4 characters: the dialog never shows.
  const confirmText = Array.from(options.confirmText).slice(0, 4).join('');
  const before = isH5 && typeof document !== 'undefined' ? (document.activeElement as HTMLElement | null) : null;
  const shown = Taro.showModal({
    title: options.title,
    content: options.content,
    confirmText,
    cancelText: '取消',
    confirmColor: options.danger ? '#b3261e' : '#0d47a1',
    cancelColor: '#333333',
  });
  let onKey: ((e: KeyboardEvent) => void) | null = null;
  if (isH5 && typeof document !== 'undefined') {
    setTimeout(() => {
      const modal = Array.from(document.querySelectorAll<HTMLElement>('.taro__modal')).pop();
      if (!modal) return;
      const content = modal.querySelector<HTMLElement>('.taro-modal__content');
      const title = modal.querySelector<HTMLElement>('.taro-modal__title');
      const text = modal.querySelector<HTMLElement>('.taro-modal__text');
      if (content) {
        content.setAttribute('role', 'alertdialog');
        content.setAttribute('aria-modal', 'true');
        if (title) {
          title.id = 'modal-title';
          content.setAttribute('aria-labelledby', 'modal-title');
        }
        if (text) {
          text.id = 'modal-text';
          content.setAttribute('aria-describedby', 'modal-text');
        }
      }
      const buttons = Array.from(modal.querySelectorAll<HTMLElement>('.taro-model__btn'));
      for (const b of buttons) {
        b.setAttribute('role', 'button');
        b.setAttribute('tabindex', '0');
      }
      const cancel = modal.querySelector<HTMLElement>('.taro-model__cancel');
      const ok = modal.querySelector<HTMLElement>('.taro-model__confirm');
      if (ok) ok.id = 'modal-confirm';
      if (cancel) cancel.id = 'modal-cancel';
      ok?.focus();
      onKey = (e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          cancel?.click();
        } else if (e.key === 'Tab' && buttons.length) {
          // Keep the focus inside the dialog.
          const visible = buttons.filter((b) => b.style.display !== 'none');
          const i = visible.indexOf(document.activeElement as HTMLElement);
          e.preventDefault();
          visible[(i + (e.shiftKey ? -1 : 1) + visible.length) % visible.length]?.focus();
        }
      };
      document.addEventListener('keydown', onKey, true);
    }, 0);
  }
  const result = await shown;
  if (onKey) document.removeEventListener('keydown', onKey, true);
  if (before && typeof before.focus === 'function') setTimeout(() => before.focus({ preventScroll: true }), 0);
  return result.confirm;
}

/** True on a phone-sized browser (H5), where a QR code to scan with WeChat makes no sense. */
export function isPhoneBrowser(): boolean {
  if (!isH5 || typeof window === 'undefined') return false;
  const ua = navigator.userAgent || '';
  return /Android|iPhone|iPad|iPod|Mobile|MicroMessenger/i.test(ua) || window.matchMedia?.('(pointer: coarse)').matches === true || window.innerWidth < 600;
}
