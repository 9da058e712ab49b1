// The wall screen (投屏统计) runs unattended for days on a control-room display:
// - it is drawn for 1920×1080 and scaled to whatever window shows it (a 1366 laptop sees the same screen, smaller);
// - after a lost connection it comes back by itself. Blazor retries the circuit; when the server refuses it (the
//   server restarted and forgot the circuit) the page reloads, and when Blazor gives up retrying (the server was
//   down longer than its retries) the page asks the server every few seconds and reloads once it answers.
// - whatever state Blazor's reconnection ends up in (.NET 10 adds paused and resume-failed, and a slow restart can
//   leave it between attempts), the page also asks the server while the bar shows; when the server has answered
//   twice in a row and the circuit is still not back, the page reloads.
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

// Any answer below 500 means the app is serving again (a redirect to sign-in too); a proxy's 502 while it is down does not.
async function serverAnswers() {
    try {
        const response = await fetch(window.location.href, {
            cache: 'no-store', credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'text/html' },
        });
        return response.type === 'opaqueredirect' || (response.status > 0 && response.status < 500);
    } catch {
        return false;
    }
}

function stopPolling() {
    if (pollTimer !== null) {
        clearInterval(pollTimer);
        pollTimer = null;
    }
}

// answersNeeded: 1 once Blazor has given up (nothing else will bring the page back), 2 while it may still be
// retrying (its own retry gets one chance to win before the reload).
function pollUntilBack(modal, answersNeeded, now = false) {
    stopPolling();
    let answers = 0;
    const poll = async () => {
        if (!stillDisconnected(modal)) {
            stopPolling();
            return;
        }
        answers = (await serverAnswers()) ? answers + 1 : 0;
        if (answers >= answersNeeded && stillDisconnected(modal)) {
            stopPolling();
            window.location.reload();
        }
    };
    pollTimer = setInterval(poll, PollMilliseconds);
    if (now) {
        poll();
    }
}

function stillDisconnected(modal) {
    return !modal.classList.contains('components-reconnect-hide') && modal.className.includes('components-reconnect-');
}

function onReconnectState(modal) {
    const classes = modal.classList;
    if (classes.contains('components-reconnect-rejected')) {
        // The server answered and forgot the circuit; reloading only once it serves the page again never leaves the
        // screen on the browser's own error page.
        pollUntilBack(modal, 1, true);
    } else if (classes.contains('components-reconnect-failed') || classes.contains('components-reconnect-resume-failed')) {
        pollUntilBack(modal, 1);
    } else if (classes.contains('components-reconnect-hide')) {
        stopPolling();
    } else if (stillDisconnected(modal) && pollTimer === null) {
        pollUntilBack(modal, 2);
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
    stopPolling();
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
