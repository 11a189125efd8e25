/**
 * Loads the BUILT main-process bundle (out/electron/main.cjs) under plain Node with a recording
 * stand-in for `electron` and `electron-updater`, lets it start as Electron would (ready), then
 * exercises what it registered and reports to the parent over the IPC channel:
 *   - the windows it opened and their options, the URL they load;
 *   - the IPC channels it handles, and what a trusted and an untrusted sender get back;
 *   - the app:// protocol handler's answers (a page, a path escaping the folder) and the CSP
 *     header hook;
 *   - the update check (feed URL) and the application menu;
 *   - the backend host it forks: the stand-in's utilityProcess.fork really starts the forked
 *     file through tests/bundle/host-bootstrap.cjs, so a trusted call goes main -> MessagePort
 *     -> the built backend host and back;
 *   - what it asked of `safeStorage` (a recording stand-in that "seals" by XOR with 0x5a behind
 *     a STANDIN1 prefix, so a test can read what was sealed and see nothing in clear).
 *
 * Usage: node electron-standin.cjs MAIN_CJS   (spawned with an 'ipc' stdio slot). Env:
 *   STANDIN_PACKAGED=1   app.isPackaged is true (menu removed, updater configured)
 *   STANDIN_USERDATA     folder standing for Electron's appData
 *   STANDIN_SAFESTORAGE=none   no OS store (safeStorage says encryption is unavailable)
 */
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { EventEmitter } = require('node:events');
const { spawn } = require('node:child_process');

const mainCjs = process.argv[2];
const REPO = path.resolve(__dirname, '..', '..');
const packaged = process.env.STANDIN_PACKAGED === '1';
const appData = process.env.STANDIN_USERDATA || path.join(require('node:os').tmpdir(), 'alur-standin');

const rec = {
  requires: [],
  windows: [],
  ipcChannels: [],
  privilegedSchemes: [],
  protocolSchemes: [],
  menu: 'untouched',
  sandboxEnabled: false,
  singleInstanceLock: false,
  forks: [],
  updater: { feeds: [], checks: 0, autoDownload: null, autoInstallOnAppQuit: null },
  headerHooks: 0,
  permissionHandlers: 0,
  safeStorage: { probes: 0, sealed: 0, unsealed: 0 },
};
const ipcHandlers = new Map();
const protocolHandlers = new Map();
const headerHooks = [];
const children = [];
let nextContentsId = 1;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextContentsId++;
    this.windowOpenHandler = null;
  }
  setWindowOpenHandler(h) {
    this.windowOpenHandler = h;
  }
  print() {}
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.loaded = [];
    rec.windows.push({ options, loaded: this.loaded, contentsId: this.webContents.id });
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  reload() {}
  destroy() {}
}

/** Electron's MessagePortMain pair; port2 is bound to a forked host when transferred to it. */
class PortMain extends EventEmitter {
  constructor() {
    super();
    this.peer = null;
    this.child = null;
  }
  postMessage(data) {
    if (this.peer && this.peer.child) this.peer.child.send({ kind: 'port', data });
  }
  start() {}
  close() {
    if (this.peer && this.peer.child && this.peer.child.connected) this.peer.child.send({ kind: 'close' });
  }
}

function xor(buf) {
  return Buffer.from(buf.map((b) => b ^ 0x5a));
}

const app = new EventEmitter();
Object.assign(app, {
  isPackaged: packaged,
  setPath(name, value) {
    this.paths[name] = value;
  },
  paths: { appData, userData: path.join(appData, 'alur'), downloads: appData, temp: appData },
  getPath(name) {
    return this.paths[name] ?? appData;
  },
  requestSingleInstanceLock() {
    rec.singleInstanceLock = true;
    return true;
  },
  enableSandbox() {
    rec.sandboxEnabled = true;
  },
  whenReady() {
    return Promise.resolve();
  },
  getAppPath() {
    return REPO;
  },
  getVersion() {
    return '0.1.0';
  },
  quit() {},
});
if (packaged) process.resourcesPath = REPO;

const electron = {
  app,
  BrowserWindow,
  dialog: { showSaveDialog: async () => ({ canceled: true }), showMessageBox: async () => ({ response: 1 }) },
  ipcMain: {
    handle(channel, listener) {
      rec.ipcChannels.push(channel);
      ipcHandlers.set(channel, listener);
    },
  },
  Menu: {
    setApplicationMenu(menu) {
      rec.menu = menu;
    },
  },
  MessageChannelMain: class {
    constructor() {
      this.port1 = new PortMain();
      this.port2 = new PortMain();
      this.port1.peer = this.port2;
      this.port2.peer = this.port1;
    }
  },
  Notification: class extends EventEmitter {
    static isSupported() {
      return false;
    }
    show() {}
  },
  protocol: {
    registerSchemesAsPrivileged(schemes) {
      rec.privilegedSchemes.push(...schemes);
    },
    handle(scheme, handler) {
      rec.protocolSchemes.push(scheme);
      protocolHandlers.set(scheme, handler);
    },
  },
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived(hook) {
          rec.headerHooks++;
          headerHooks.push(hook);
        },
      },
      setPermissionRequestHandler() {
        rec.permissionHandlers++;
      },
      setPermissionCheckHandler() {
        rec.permissionHandlers++;
      },
    },
  },
  shell: { openExternal: async () => undefined },
  safeStorage: {
    async isAsyncEncryptionAvailable() {
      rec.safeStorage.probes++;
      return process.env.STANDIN_SAFESTORAGE !== 'none';
    },
    getSelectedStorageBackend() {
      return 'gnome_libsecret';
    },
    async encryptStringAsync(plain) {
      rec.safeStorage.sealed++;
      return Buffer.concat([Buffer.from('STANDIN1'), xor(Buffer.from(plain, 'utf8'))]);
    },
    async decryptStringAsync(sealed) {
      rec.safeStorage.unsealed++;
      if (!Buffer.isBuffer(sealed) || sealed.subarray(0, 8).toString() !== 'STANDIN1') throw new Error('not sealed by this store');
      return { shouldReEncrypt: false, result: xor(sealed.subarray(8)).toString('utf8') };
    },
  },
  utilityProcess: {
    fork(modulePath, args, options) {
      rec.forks.push({ modulePath, options });
      const child = spawn(process.execPath, [path.join(__dirname, 'host-bootstrap.cjs'), modulePath], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      children.push(child);
      const proc = new EventEmitter();
      let port = null;
      child.on('message', (m) => {
        if (m.kind === 'port' && port && port.peer) port.peer.emit('message', { data: m.data });
      });
      child.on('exit', (code) => proc.emit('exit', code));
      proc.postMessage = (data, ports) => {
        port = ports && ports[0];
        if (port) port.child = child;
        child.send({ kind: 'init', data });
      };
      proc.kill = () => child.kill();
      return proc;
    },
  },
};

const autoUpdater = new EventEmitter();
Object.assign(autoUpdater, {
  autoDownload: null,
  autoInstallOnAppQuit: null,
  setFeedURL(options) {
    rec.updater.feeds.push(options);
  },
  checkForUpdates() {
    rec.updater.checks++;
    return Promise.resolve(null);
  },
});

const load = Module._load;
Module._load = function standinLoad(request, parent, isMain) {
  if (parent && parent.filename === mainCjs && !request.startsWith('node:')) rec.requires.push(request);
  if (request === 'electron') return electron;
  if (request === 'electron-updater') return { autoUpdater };
  return load.call(this, request, parent, isMain);
};

async function exercise() {
  const report = { rec };
  const handler = protocolHandlers.get('app');
  const page = await handler(new Request('app://alur/index.html'));
  report.page = {
    status: page.status,
    csp: page.headers.get('content-security-policy'),
    type: page.headers.get('content-type'),
    body: await page.text(),
  };
  const script = /<script type="module"[^>]*src="\.?\/?([^"]+\.js)"/.exec(report.page.body);
  if (script) {
    const js = await handler(new Request(`app://alur/${script[1]}`));
    report.script = { path: script[1], status: js.status, type: js.headers.get('content-type'), bytes: (await js.arrayBuffer()).byteLength };
  }
  const escape = await handler(new Request('app://alur/..%2f..%2fpackage.json'));
  report.escape = { status: escape.status };
  const foreignHost = await handler(new Request('app://evil/index.html'));
  report.foreignHost = { status: foreignHost.status };
  report.headerCsp = await new Promise((resolve) => headerHooks[0]({ responseHeaders: { 'X-Other': ['1'] } }, (r) => resolve(r.responseHeaders)));

  const win = rec.windows[0];
  // The IPC handlers compare the sender's webContents id with the main window's.
  const mainContents = win ? windowsById.get(win.contentsId) : null;
  const call = ipcHandlers.get('alur:app.info');
  report.untrusted = await call({ sender: { id: 999 }, senderFrame: { url: 'https://evil.example/', parent: null } }, { token: null, input: {} });
  report.iframe = await call({ sender: mainContents, senderFrame: { url: 'app://alur/index.html', parent: {} } }, { token: null, input: {} });
  report.trusted = await call({ sender: mainContents, senderFrame: { url: 'app://alur/index.html', parent: null } }, { token: null, input: {} });
  report.badInput = await ipcHandlers.get('alur:session.login')(
    { sender: mainContents, senderFrame: { url: 'app://alur/index.html', parent: null } },
    { token: null, input: { username: 42 } },
  );
  report.windowOpen = mainContents && mainContents.windowOpenHandler ? mainContents.windowOpenHandler({ url: 'https://example.org/' }) : null;
  return report;
}

const windowsById = new Map();
const Original = BrowserWindow;
electron.BrowserWindow = class extends Original {
  constructor(options) {
    super(options);
    windowsById.set(this.webContents.id, this.webContents);
  }
};

require(mainCjs);

setTimeout(() => {
  exercise()
    .then((report) => process.send({ ok: true, report }))
    .catch((e) => process.send({ ok: false, error: String(e && e.stack ? e.stack : e) }))
    .finally(() => {
      for (const c of children) c.kill();
      setTimeout(() => process.exit(0), 200);
    });
}, 300);
