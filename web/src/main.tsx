import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/inter';
import './styles/index.css';
import { App } from './App';
import { registerServiceWorker } from './lib/register-sw';
import { ConfirmProvider } from './state/confirm';
import { SessionProvider } from './state/session';
import { ToastProvider } from './state/toasts';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ToastProvider>
      <ConfirmProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ConfirmProvider>
    </ToastProvider>
  </StrictMode>,
);

registerServiceWorker();
