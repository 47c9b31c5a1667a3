import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { gzipSync } from 'node:zlib'
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

// Writes a .gz sibling of every script, style and page of the build: `pitwall serve` sends it
// to clients that accept gzip (src/server/static_files.hpp).
function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'pitwall-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir
    },
    closeBundle() {
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name)
          if (statSync(path).isDirectory()) walk(path)
          else if (/\.(js|css|html|svg|json)$/.test(name)) {
            writeFileSync(path + '.gz', gzipSync(readFileSync(path), { level: 9 }))
          }
        }
      }
      walk(outDir)
    },
  }
}

export default defineConfig({
  plugins: [vue(), precompress()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.spec.ts'],
  },
} as any)
