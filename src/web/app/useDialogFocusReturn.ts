import { useEffect } from 'react';

const DIALOG = '[role="dialog"], [role="alertdialog"]';

/**
 * Puts focus back on the control that opened a dialog once the dialog is gone. Mantine's own return
 * (useFocusReturn) only runs when a mounted Modal's `opened` goes from false to true and back: most of
 * our dialogs are mounted already open (`{editing && <Modal opened …>}`) and unmounted to close, so it
 * never learns the opener and focus dropped to <body>. This watches the document instead: the opener
 * is the last element focused outside any dialog, and it gets focus back when the last dialog leaves
 * the page while nothing else holds focus.
 */
export function useDialogFocusReturn(): void {
  useEffect(() => {
    let opener: HTMLElement | null = null;
    let dialogOpen = false;
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && typeof target.closest === 'function' && !target.closest(DIALOG)) opener = target;
    };
    const observer = new MutationObserver(() => {
      const open = document.querySelector(DIALOG) !== null;
      const closed = dialogOpen && !open;
      dialogOpen = open;
      if (!closed) return;
      // Mantine may already have returned focus; only a focus lost to <body> is put back.
      window.setTimeout(() => {
        const active = document.activeElement;
        if ((active === null || active === document.body) && opener?.isConnected) opener.focus({ preventScroll: true });
      }, 0);
    });
    document.addEventListener('focusin', onFocusIn);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, []);
}
