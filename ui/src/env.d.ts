/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __KUZET_MOCK__: boolean;
