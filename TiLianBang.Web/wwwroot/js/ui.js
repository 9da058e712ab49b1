// Look-and-feel helpers of the staff app: the preference cookies and the status colours' light/dark switch.
window.tlbUi = {
    setCookie(name, value) {
        document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
    },
    applyTheme(dark) {
        document.documentElement.dataset.theme = dark ? "dark" : "light";
    },
};
