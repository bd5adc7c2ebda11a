// Remembers the theme in cookies, so the server renders the next page in it (no flash of the other palette).
const year = 60 * 60 * 24 * 365;

function read(name) {
    const match = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return match ? decodeURIComponent(match.substring(name.length + 1)) : null;
}

function write(name, value) {
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${year}; samesite=lax`;
}

export function themeChoice() {
    return read('cc-theme');
}

export function rememberThemeChoice(value) {
    write('cc-theme', value);
}

export function rememberBrowserTheme(value) {
    write('cc-theme-browser', value);
}
