/** A promise-based confirmation dialog: `if (await confirm({ title, ... })) doIt()`. */
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { Modal } from '../components/Modal';

export interface ConfirmOptions {
  title: string;
  body?: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
}

type Pending = ConfirmOptions & { resolve: (ok: boolean) => void };

const ConfirmContext = createContext<((o: ConfirmOptions) => Promise<boolean>) | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const confirm = useCallback((o: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...o, resolve })), []);
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {pending && (
        <Modal
          title={pending.title}
          onClose={() => close(false)}
          size="small"
          testId="confirm-dialog"
          footer={
            <>
              <button className="button" onClick={() => close(false)}>
                Cancel
              </button>
              <button
                className={`button ${pending.danger ? 'button-danger' : 'button-primary'}`}
                data-testid="confirm-ok"
                autoFocus
                onClick={() => close(true)}
              >
                {pending.confirmLabel ?? 'OK'}
              </button>
            </>
          }
        >
          {pending.body && <div className="muted">{pending.body}</div>}
        </Modal>
      )}
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): (o: ConfirmOptions) => Promise<boolean> {
  const c = useContext(ConfirmContext);
  if (!c) throw new Error('useConfirm outside ConfirmProvider');
  return c;
}
