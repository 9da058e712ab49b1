// Look-and-feel helpers of the staff app: the preference cookies and the status colours' light/dark switch.
window.tlbUi = {
    setCookie(name, value) {
        document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
    },
    applyTheme(dark) {
        document.documentElement.dataset.theme = dark ? "dark" : "light";
    },
    // The clipboard API exists only on https or localhost; installations on a plain-http LAN fall back to the old
    // select-and-copy, and the caller says "select it yourself" if both fail.
    async copyText(text) {
        try {
            if (navigator.clipboard && window.isSecureContext) {
                await navigator.clipboard.writeText(text);
                return true;
            }
        } catch {
            // fall through to the old way
        }
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let copied = false;
        try {
            copied = document.execCommand("copy");
        } catch {
            copied = false;
        }
        area.remove();
        return copied;
    },
};
