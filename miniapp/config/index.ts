import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// In H5 the app is served by the API server itself (same origin), so requests go to relative
// `/api/...`. In the mini-program there is no origin: the base URL is fixed at build time.
function apiBase(): string {
  if (process.env.TARO_ENV === 'h5') return '';
  return process.env.TARO_APP_API_BASE || 'http://localhost:3000';
}

// Taro writes a template per component per nesting level into base.wxml (2.7 KB a level); deeper
// nodes render through its recursive custom component. Eight levels hold our pages' usual depth and
// keep the main package under 400 KB. The vite runner reads `mini.baseLevel`, which its config
// type does not declare.
const templateLevels: Record<string, unknown> = { baseLevel: 8 };

export default defineConfig<'vite'>(async (merge) => {
  const baseConfig: UserConfigExport<'vite'> = {
    projectName: 'bazhujie-miniapp',
    date: '2026-11-26',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `../dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
      // The mini-program's name as residents know it (its title bar, sign-in and WeChat prompts):
      // a deployment for another community, or for many, builds with its own.
      APP_NAME: JSON.stringify(process.env.TARO_APP_NAME || '八珠街社区'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'vite',
    // The WeChat main package is held to 400 KB (tests/build/weapp.test.ts). Taro's terser defaults
    // write every Chinese character as a six-byte \u escape; WeChat and browsers read UTF-8 scripts.
    // Its compress options stay Taro's: turning on reduce_vars, inline and collapse_vars broke the
    // H5 build (a page's effects never ran; the consultations journey caught it).
    terser: {
      enable: true,
      config: {
        output: { ascii_only: false },
      },
    },
    mini: {
      ...templateLevels,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // Root font size follows the screen up to 24px (Taro's default cap is 40px): phones scale as
        // designed, a PC browser (staff) gets phone-sized type, not double.
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
