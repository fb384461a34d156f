import type { Server } from 'node:http';
import type { Http2Server } from 'node:http2';
import type { Duplex } from 'node:stream';

/**
 * Requests Node's HTTP parser refuses before any handler runs (a malformed request line, a bad
 * header character, headers over 16 KB) get the same problem JSON with a Chinese sentence as
 * every other refusal, instead of Node's bare `400` with no body.
 */
export function answerClientErrors(server: Server | Http2Server | { on: Server['on'] }): void {
  (server as Server).on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      type: `https://bazhujie.example/problems/${tooLarge ? 'headers-too-large' : 'malformed-request'}`,
      title: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request',
      status,
      detail: tooLarge ? '请求头太大了，请退出后重新登录再试。' : '请求格式不对，请刷新页面后重试。',
      code: tooLarge ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST',
      requestId: '',
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
