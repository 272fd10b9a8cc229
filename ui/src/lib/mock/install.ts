export function installMockBackend() {}
