import type { PropsWithChildren } from 'react';
import { createElement } from 'react';
import { SessionProvider } from './api/session';
import { installKeyboardSupport } from './components/a11y';
import { CareProvider } from './components/ui';
import './app.css';

// H5: roles, tab stops and Enter/Space for every page, the root size that follows the browser.
installKeyboardSupport();

function App({ children }: PropsWithChildren) {
  // children is the page being shown; care mode (大字模式) and the session reach every page from here.
  return createElement(SessionProvider, null, createElement(CareProvider, null, children));
}

export default App;
