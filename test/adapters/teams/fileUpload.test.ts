import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uploadAddressProblem, uploadFileBytes } from '../../../adapters/teams/fileUpload.ts';
import { FakeUploadServer } from '../../bot/support/fakeUploadServer.ts';

describe('which upload addresses a file may go to', () => {
  it("accepts https to the person's OneDrive for work (SharePoint)", () => {
    expect(uploadAddressProblem('https://contoso-my.sharepoint.com/personal/x/_api/upload?guid=1')).toBeUndefined();
    expect(uploadAddressProblem('https://Contoso-My.SharePoint.com/personal/x')).toBeUndefined();
  });

  it('refuses https anywhere else, including names that only look like SharePoint', () => {
    expect(uploadAddressProblem('https://upload.example/x')).toBe(
      'it is not in SharePoint or OneDrive for work (upload.example)',
    );
    expect(uploadAddressProblem('https://contoso.sharepoint.com.evil.example/x')).toBe(
      'it is not in SharePoint or OneDrive for work (contoso.sharepoint.com.evil.example)',
    );
    expect(uploadAddressProblem('https://evilsharepoint.com/x')).toBe(
      'it is not in SharePoint or OneDrive for work (evilsharepoint.com)',
    );
  });

  it('refuses plain http, even on loopback, unless the test-only option is set', () => {
    expect(uploadAddressProblem('http://upload.example/x')).toBe('it is not https (http)');
    expect(uploadAddressProblem('http://127.0.0.1:8080/x')).toBe('it is not https (http)');
    expect(uploadAddressProblem('http://127.0.0.1:8080/x', { allowLoopbackHttpForTests: true })).toBeUndefined();
    expect(uploadAddressProblem('http://localhost/x', { allowLoopbackHttpForTests: true })).toBeUndefined();
  });

  it('refuses http to anywhere but loopback even with the test-only option', () => {
    expect(uploadAddressProblem('http://10.0.0.5/x', { allowLoopbackHttpForTests: true })).toBe(
      'it is not https (http)',
    );
    expect(uploadAddressProblem('http://127.0.0.1.example/x', { allowLoopbackHttpForTests: true })).toBe(
      'it is not https (http)',
    );
  });

  it('refuses other schemes, credentials in the address, and what is not an address', () => {
    expect(uploadAddressProblem('file:///etc/passwd')).toBe('it is not https (file)');
    expect(uploadAddressProblem('https://user:secret@upload.example/x')).toBe('it carries a user name or password');
    expect(uploadAddressProblem('upload.example/x')).toBe('it is not a web address');
  });
});

describe('uploading a file’s bytes', () => {
  const server = new FakeUploadServer();
  const policy = { allowLoopbackHttpForTests: true, timeoutMs: 300 };
  const bytes = new TextEncoder().encode('school_urn,school_name\r\n100001,"Hillside, School"\r\n');

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.behaviour = 'accept';
    server.uploads.length = 0;
  });

  it('puts the whole file in one request with Content-Range and Content-Length, and no credentials', async () => {
    expect(await uploadFileBytes(server.uploadUrl('a.csv'), bytes, policy)).toEqual({ ok: true, status: 201 });
    expect(server.uploads).toHaveLength(1);
    const [upload] = server.uploads;
    expect(Buffer.from(bytes).equals(upload.bytes)).toBe(true);
    expect(upload.headers['content-range']).toBe(`bytes 0-${bytes.byteLength - 1}/${bytes.byteLength}`);
    expect(upload.headers['content-length']).toBe(String(bytes.byteLength));
    expect(upload.headers.authorization).toBeUndefined();
  });

  it('sends nothing to an address it refuses', async () => {
    const outcome = await uploadFileBytes(server.uploadUrl('a.csv'), bytes, { timeoutMs: 300 });
    expect(outcome).toEqual({ ok: false, kind: 'bad-address', detail: 'it is not https (http)' });
    expect(server.uploads).toHaveLength(0);
  });

  it('sends nothing larger than its limit', async () => {
    const outcome = await uploadFileBytes(server.uploadUrl('a.csv'), bytes, { ...policy, maxBytes: 10 });
    expect(outcome).toEqual({ ok: false, kind: 'too-large', bytes: bytes.byteLength, maxBytes: 10 });
    expect(server.uploads).toHaveLength(0);
  });

  it('takes only 200 or 201 as done: a 202 (more ranges expected) or an error status is a refusal', async () => {
    server.behaviour = { status: 202 };
    expect(await uploadFileBytes(server.uploadUrl('a.csv'), bytes, policy)).toEqual({
      ok: false,
      kind: 'refused',
      status: 202,
    });
    server.behaviour = { status: 503 };
    expect(await uploadFileBytes(server.uploadUrl('a.csv'), bytes, policy)).toEqual({
      ok: false,
      kind: 'refused',
      status: 503,
    });
  });

  it('gives up when the server does not answer in time', async () => {
    server.behaviour = 'hang';
    const started = performance.now();
    expect(await uploadFileBytes(server.uploadUrl('a.csv'), bytes, policy)).toEqual({
      ok: false,
      kind: 'timeout',
      timeoutMs: 300,
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('says so when nothing is listening', async () => {
    const outcome = await uploadFileBytes('http://127.0.0.1:1/a.csv', bytes, policy);
    expect(outcome).toMatchObject({ ok: false, kind: 'unreachable' });
  });
});
