// Ink connects to React DevTools when DEV=true. The bundle does not ship that bridge (it pulls in a
// WebSocket client), so DEV=true does nothing here.
export {};
