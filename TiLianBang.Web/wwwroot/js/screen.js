// The wall screen (投屏统计) runs unattended for days on a control-room display:
// - it is drawn for 1920×1080 and scaled to whatever window shows it (a 1366 laptop sees the same screen, smaller);
// - after a lost connection it comes back by itself. Blazor retries the circuit; when the server refuses it (the
//   server restarted and forgot the circuit) the page reloads, and when Blazor gives up retrying (the server was
//   down longer than its retries) the page asks the server every few seconds and reloads once it answers.
const DesignWidth = 1920;
const DesignHeight = 1080;
const PollMilliseconds = 5000;

let resizeHandler = null;
let observer = null;
let pollTimer = null;
let stateHandler = null;
let watched = null;

function fit(stage) {
    const scale = Math.min(window.innerWidth / DesignWidth, window.innerHeight / DesignHeight);
    stage.style.setProperty('--tlb-screen-scale', String(scale));
    stage.style.setProperty('--tlb-screen-left', `${Math.max(0, (window.innerWidth - DesignWidth * scale) / 2)}px`);
    stage.style.setProperty('--tlb-screen-top', `${Math.max(0, (window.innerHeight - DesignHeight * scale) / 2)}px`);
}

async function serverAnswers() {
    try {
        const response = await fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' });
        return response.ok;
    } catch {
        return false;
    }
}

function pollUntilBack() {
    if (pollTimer !== null) {
        return;
    }
    pollTimer = setInterval(async () => {
        if (await serverAnswers()) {
            clearInterval(pollTimer);
            pollTimer = null;
            window.location.reload();
        }
    }, PollMilliseconds);
}

function onReconnectState(modal) {
    if (modal.classList.contains('components-reconnect-rejected')) {
        window.location.reload();
    } else if (modal.classList.contains('components-reconnect-failed')) {
        pollUntilBack();
    }
}

export function start(stage) {
    stop();
    resizeHandler = () => fit(stage);
    window.addEventListener('resize', resizeHandler);
    fit(stage);
    const modal = document.getElementById('components-reconnect-modal');
    if (modal) {
        observer = new MutationObserver(() => onReconnectState(modal));
        observer.observe(modal, { attributes: true, attributeFilter: ['class'] });
        // .NET 10 also announces each state as an event; either way ends in the same handling.
        stateHandler = () => onReconnectState(modal);
        watched = modal;
        modal.addEventListener('components-reconnect-state-changed', stateHandler);
    }
}

export function stop() {
    if (resizeHandler) {
        window.removeEventListener('resize', resizeHandler);
        resizeHandler = null;
    }
    if (observer) {
        observer.disconnect();
        observer = null;
    }
    if (watched && stateHandler) {
        watched.removeEventListener('components-reconnect-state-changed', stateHandler);
    }
    watched = null;
    stateHandler = null;
}
