import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** One PUT the bot made to an upload address. */
export interface ReceivedUpload {
  path: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** How the server answers: as OneDrive does when the file's last range arrives, with a failure, or not at all. */
export type UploadBehaviour = 'accept' | { status: number } | 'hang';

/**
 * A stand-in, on loopback over plain http, for the OneDrive upload session a file consent card's accept
 * points the bot at: it keeps every PUT's headers and bytes, and answers 201 with a drive item, or a chosen
 * failure, or never (to test the bot's time limit).
 */
export class FakeUploadServer {
  readonly uploads: ReceivedUpload[] = [];
  behaviour: UploadBehaviour = 'accept';
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const bytes = Buffer.concat(chunks);
        this.uploads.push({ path: req.url ?? '', headers: req.headers, bytes });
        const behaviour = this.behaviour;
        if (behaviour === 'hang') return;
        res.statusCode = behaviour === 'accept' ? 201 : behaviour.status;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify(
            behaviour === 'accept'
              ? { id: 'drive-item-1', size: bytes.length }
              : { error: { code: 'generalException' } },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('fake upload server has no address');
    this.url = `http://127.0.0.1:${address.port}/`;
    return this;
  }

  /** An upload session address on this server. */
  uploadUrl(name: string): string {
    return `${this.url}upload/${encodeURIComponent(name)}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
