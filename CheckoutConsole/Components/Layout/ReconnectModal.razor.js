// Follows the circuit's state (the "components-reconnect-state-changed" event Blazor raises on the
// dialog) and shows the matching message; the CSS shows only the elements of the current state.
const dialog = document.getElementById('components-reconnect-modal');
const states = ['retrying', 'waiting', 'failed', 'paused', 'resume-failed'];

function show(state) {
    dialog.classList.remove(...states.map(s => 'cc-state-' + s));
    if (state === null) {
        if (dialog.open) {
            dialog.close();
        }
        return;
    }

    dialog.classList.add('cc-state-' + state);
    if (!dialog.open) {
        dialog.showModal();
    }
}

async function retry() {
    show('retrying');
    try {
        // false: the server no longer has the circuit, so try to resume it from the saved state.
        const reconnected = await Blazor.reconnect();
        if (!reconnected && !(await Blazor.resumeCircuit())) {
            location.reload();
        }
    } catch {
        show('failed');
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) {
            show('resume-failed');
        }
    } catch {
        show('resume-failed');
    }
}

if (dialog) {
    dialog.addEventListener('components-reconnect-state-changed', event => {
        switch (event.detail.state) {
            case 'show':
            case 'retrying':
                show(event.detail.state === 'retrying' && event.detail.currentAttempt > 1 ? 'waiting' : 'retrying');
                break;
            case 'hide':
                show(null);
                break;
            case 'failed':
                show('failed');
                break;
            case 'paused':
                show('paused');
                break;
            case 'resume-failed':
                show('resume-failed');
                break;
            case 'rejected':
                location.reload();
                break;
        }
    });
    document.getElementById('cc-reconnect-retry')?.addEventListener('click', retry);
    document.getElementById('cc-reconnect-resume')?.addEventListener('click', resume);
    document.getElementById('cc-reconnect-reload')?.addEventListener('click', () => location.reload());
    // A dialog dismissed with Escape would leave a dead page looking alive.
    dialog.addEventListener('cancel', event => event.preventDefault());
}
