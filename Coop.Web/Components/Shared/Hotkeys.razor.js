// Page-level keyboard shortcuts. Keys are ignored while the user types in a field, except Escape and Ctrl+Enter,
// and never fire with Ctrl/Alt/Meta held (so browser shortcuts keep working), except Ctrl+Enter.
export function register(dotnet, keys) {
    const wanted = new Set(keys);
    const handler = (e) => {
        const target = e.target;
        const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
        let key = e.key;
        if ((e.ctrlKey || e.metaKey) && key === 'Enter') {
            key = 'ctrl+enter';
        } else if (e.ctrlKey || e.metaKey || e.altKey) {
            return;
        } else if (typing && key !== 'Escape') {
            return;
        }

        // A field inside an element that handles the key itself (data-hotkeys-local="ctrl+enter": the comment box adds its
        // comment with Ctrl+Enter) keeps it: the page must not also submit the decision being prepared.
        if (typing && target.closest(`[data-hotkeys-local~="${key}"]`)) {
            return;
        }

        if (!wanted.has(key) || e.repeat) {
            return;
        }

        e.preventDefault();
        dotnet.invokeMethodAsync('OnHotkeyAsync', key);
    };
    document.addEventListener('keydown', handler);
    return {
        dispose: () => document.removeEventListener('keydown', handler),
    };
}
