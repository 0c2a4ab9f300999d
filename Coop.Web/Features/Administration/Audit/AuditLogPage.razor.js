// The browser's IANA time zone, so audit dates are filtered and shown in the user's own time.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
