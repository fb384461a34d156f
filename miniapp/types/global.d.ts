/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** API origin fixed at build time (config/index.ts): '' in H5 (same origin), a URL in weapp. */
declare const API_BASE: string;
/** The mini-program's name fixed at build time (TARO_APP_NAME, config/index.ts). */
declare const APP_NAME: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID: string;
    TARO_APP_API_BASE?: string;
    TARO_APP_NAME?: string;
  }
}
