import { defineConfig } from 'vite';

// Fixed file names (no content hashes): the binary embeds web/dist and the server sends
// Cache-Control: no-cache, so browsers revalidate instead of relying on hashed names.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name].js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
});
