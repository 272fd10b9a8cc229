import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Compiled component CSS goes into the emitted .css file (strict CSP: no
    // style injection at run time).
    css: "external",
  },
};
