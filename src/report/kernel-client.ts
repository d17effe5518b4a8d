// A Jupyter client in TypeScript, speaking the messaging protocol (v5.3) over ZeroMQ to a tslab
// kernel it starts itself: no Python, no Jupyter server. Connection file with a random key,
// sockets on 127.0.0.1 only, HMAC-SHA256 signed messages, a timeout per execution, and shutdown
// (then kill) in every case. Spec: https://jupyter-client.readthedocs.io/en/stable/messaging.html
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type * as zmq from "zeromq";
import { kernelArgv } from "../notebook/kernelspec";
import { cleanUpOnInterrupt } from "../shared/interrupts";
import { kernelFolderPrefixOfThisProcess, killGroup, removeStaleKernelFolders } from "./interrupts";

/** zeromq (a native addon) loads when a kernel starts, not when wenxi is imported. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zeromq = () => require("zeromq") as typeof zmq;

const delimiter = "<IDS|MSG>";

export interface JupyterMessage {
  header: { msg_id: string; msg_type: string; session: string; username: string; date: string; version: string };
  parent_header: { msg_id?: string; msg_type?: string };
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

/** The kernel could not bind a port it was given (another process took it first). */
class PortTakenError extends Error {}

/** A free TCP port on 127.0.0.1 (the kernel binds it moments later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface KernelOptions {
  /** The kernel's working directory (Jupyter uses the notebook's folder). */
  cwd: string;
  /** Command line of the kernel; `{connection_file}` is replaced. Default: this project's tslab. */
  argv?: string[];
  /** Seconds to wait for the kernel to answer kernel_info. Default 60. */
  startTimeout?: number;
  /** More environment variables for the kernel (the report's cache folder). */
  env?: Record<string, string>;
}

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: string;
}
export interface DisplayOutput {
  output_type: "display_data" | "execute_result";
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  execution_count?: number | null;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type CellOutput = StreamOutput | DisplayOutput | ErrorOutput;

export interface ExecutionResult {
  status: "ok" | "error" | "timeout";
  outputs: CellOutput[];
}

export function defaultKernelArgv(): string[] {
  return kernelArgv();
}

export class KernelClient {
  private readonly key = randomBytes(32).toString("hex");
  private readonly session = randomUUID();
  private readonly shell = new (zeromq().Dealer)({ linger: 0 });
  private readonly control = new (zeromq().Dealer)({ linger: 0 });
  // No receive limit: at ZeroMQ's default of 1,000 queued messages a cell printing many lines
  // lost messages, the final idle status among them, and never finished.
  private readonly iopub = new (zeromq().Subscriber)({ linger: 0, receiveHighWaterMark: 0 });
  private process?: ChildProcess;
  private folder?: string;
  private readonly waiters = new Map<string, (message: JupyterMessage) => void>();
  private readonly iopubListeners = new Map<string, (message: JupyterMessage) => void>();
  private closed = false;
  private exited = false;
  private stderrTail = "";
  private forgetInterruptCleanup?: () => void;

  private constructor() {}

  /** Starts a kernel and waits until it answers. */
  /** The launch under way: kernels start one at a time (see `start`). */
  private static launching: Promise<void> = Promise.resolve();

  static async start(options: KernelOptions): Promise<KernelClient> {
    // One launch at a time, each until its kernel answers (its ports bound): a port found free for
    // one kernel could otherwise be found free again for another before the first binds it.
    const previous = KernelClient.launching;
    let launched!: () => void;
    KernelClient.launching = new Promise<void>((resolve) => (launched = resolve));
    await previous;
    try {
      // Another process (a second report, a test worker, an outgoing connection) may take a port
      // between our finding it free and the kernel binding it: the kernel then says so and answers
      // nothing. Such a start is tried again with other ports, three times at most.
      for (let attempt = 1; ; attempt++) {
        const client = new KernelClient();
        try {
          await client.launch(options);
          return client;
        } catch (error) {
          await client.shutdown();
          if (!(error instanceof PortTakenError) || attempt >= 3) throw error;
        }
      }
    } finally {
      launched();
    }
  }

  private async launch(options: KernelOptions): Promise<void> {
    const found = new Set<number>();
    while (found.size < 5) found.add(await freePort());
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = [...found];
    const ports = { shell_port, iopub_port, stdin_port, control_port, hb_port };
    removeStaleKernelFolders();
    this.folder = mkdtempSync(path.join(tmpdir(), kernelFolderPrefixOfThisProcess()));
    const folder = this.folder;
    this.forgetInterruptCleanup = cleanUpOnInterrupt(() => {
      if (this.process?.pid !== undefined) killGroup(this.process.pid);
      rmSync(folder, { recursive: true, force: true });
    });
    const connectionFile = path.join(this.folder, "connection.json");
    writeFileSync(connectionFile, JSON.stringify({ ...ports, ip: "127.0.0.1", transport: "tcp", signature_scheme: "hmac-sha256", key: this.key, kernel_name: "wenxi" }), { mode: 0o600 });
    const [command, ...args] = (options.argv ?? defaultKernelArgv()).map((part) => part.replace("{connection_file}", connectionFile));
    // The kernel leads a process group of its own, so that ending it ends what its cells started;
    // WENXI_PARENT_PID lets its preload end the group if this process dies without cleaning up (kill -9).
    this.process = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "ignore", "pipe"], detached: true, env: { ...process.env, ...options.env, WENXI_PARENT_PID: String(process.pid) } });
    if (this.process.pid !== undefined) writeFileSync(path.join(this.folder, "kernel.pid"), String(this.process.pid));
    this.process.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4000);
    });
    this.process.on("exit", () => {
      this.exited = true;
    });
    const address = (port: number) => `tcp://127.0.0.1:${port}`;
    this.shell.connect(address(ports.shell_port));
    this.control.connect(address(ports.control_port));
    this.iopub.connect(address(ports.iopub_port));
    this.iopub.subscribe();
    void this.readLoop(this.shell, (message) => this.waiters.get(message.parent_header.msg_id ?? "")?.(message));
    void this.readLoop(this.control, (message) => this.waiters.get(message.parent_header.msg_id ?? "")?.(message));
    void this.readLoop(this.iopub, (message) => this.iopubListeners.get(message.parent_header.msg_id ?? "")?.(message));

    // kernel_info until it answers; the iopub subscription is only certain once a status arrives.
    const deadline = Date.now() + (options.startTimeout ?? 60) * 1000;
    for (;;) {
      if (/Address already in use|EADDRINUSE/.test(this.stderrTail)) throw new PortTakenError(`a port given to the kernel was taken before it bound it:\n${this.stderrTail}`);
      if (this.exited) throw new Error(`the kernel exited while starting:\n${this.stderrTail}`);
      if (Date.now() > deadline) throw new Error(`the kernel did not answer within ${options.startTimeout ?? 60} s:\n${this.stderrTail}`);
      const request = this.message("kernel_info_request", {});
      let sawStatus = false;
      this.iopubListeners.set(request.header.msg_id, () => (sawStatus = true));
      const reply = await this.request(this.shell, request, 1000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      this.iopubListeners.delete(request.header.msg_id);
      if (reply && sawStatus) return;
    }
  }

  private message(type: string, content: Record<string, unknown>): JupyterMessage {
    return {
      header: { msg_id: randomUUID(), msg_type: type, session: this.session, username: "wenxi", date: new Date().toISOString(), version: "5.3" },
      parent_header: {},
      metadata: {},
      content,
    };
  }

  private sign(parts: string[]): string {
    const hmac = createHmac("sha256", this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  private async send(socket: zmq.Dealer, message: JupyterMessage): Promise<void> {
    const parts = [JSON.stringify(message.header), JSON.stringify(message.parent_header), JSON.stringify(message.metadata), JSON.stringify(message.content)];
    await socket.send([delimiter, this.sign(parts), ...parts]);
  }

  private async readLoop(socket: zmq.Dealer | zmq.Subscriber, handle: (message: JupyterMessage) => void): Promise<void> {
    while (!this.closed) {
      let frames: Buffer[];
      try {
        frames = (await socket.receive()) as Buffer[];
      } catch {
        return; // socket closed
      }
      const index = frames.findIndex((frame) => frame.toString() === delimiter);
      if (index < 0 || frames.length < index + 6) continue;
      const [signature, header, parent, metadata, content] = frames.slice(index + 1, index + 6).map((frame) => frame.toString("utf8"));
      if (signature !== this.sign([header, parent, metadata, content])) continue; // not signed with our key: ignore
      let message: JupyterMessage;
      try {
        message = { header: JSON.parse(header), parent_header: JSON.parse(parent), metadata: JSON.parse(metadata), content: JSON.parse(content) };
      } catch {
        continue; // signed but not JSON: a broken kernel; the cell's timeout or the exit watch ends the wait
      }
      handle(message);
    }
  }

  private request(socket: zmq.Dealer, message: JupyterMessage, timeoutMs: number): Promise<JupyterMessage | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(message.header.msg_id);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(message.header.msg_id, (reply) => {
        clearTimeout(timer);
        this.waiters.delete(message.header.msg_id);
        resolve(reply);
      });
      this.send(socket, message).catch(() => resolve(undefined));
    });
  }

  /**
   * Executes code and collects its outputs, in arrival order, until the reply and the kernel's
   * idle status have both come. `timeout` in seconds.
   */
  async execute(code: string, timeout: number): Promise<ExecutionResult> {
    const message = this.message("execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const outputs: CellOutput[] = [];
    // Where each display_id's output sits in `outputs`, for update_display_data.
    const displays = new Map<string, number>();
    let idle = false;
    let reply: JupyterMessage | undefined;
    return new Promise<ExecutionResult>((resolve) => {
      const finish = (status: ExecutionResult["status"]) => {
        clearTimeout(timer);
        clearInterval(watch);
        this.iopubListeners.delete(message.header.msg_id);
        this.waiters.delete(message.header.msg_id);
        resolve({ status, outputs });
      };
      const settle = () => {
        if (idle && reply) finish(reply.content.status === "ok" ? "ok" : "error");
      };
      const timer = setTimeout(() => finish("timeout"), timeout * 1000);
      const watch = setInterval(() => {
        if (this.exited) {
          outputs.push({ output_type: "error", ename: "KernelDied", evalue: "the kernel process exited", traceback: [this.stderrTail] });
          finish("error");
        }
      }, 200);
      this.iopubListeners.set(message.header.msg_id, (incoming) => {
        const { msg_type: type } = incoming.header;
        const content = incoming.content;
        if (type === "stream") outputs.push({ output_type: "stream", name: content.name === "stderr" ? "stderr" : "stdout", text: String(content.text ?? "") });
        else if (type === "display_data" || type === "update_display_data") {
          // An update replaces the output that showed its display_id (messaging spec, "Update Display Data"); it never adds one.
          const displayId = (content.transient as { display_id?: unknown } | undefined)?.display_id;
          const output: DisplayOutput = { output_type: "display_data", data: (content.data ?? {}) as Record<string, unknown>, metadata: (content.metadata ?? {}) as Record<string, unknown> };
          if (type === "update_display_data") {
            const at = typeof displayId === "string" ? displays.get(displayId) : undefined;
            if (at !== undefined) outputs[at] = output;
          } else {
            if (typeof displayId === "string") displays.set(displayId, outputs.length);
            outputs.push(output);
          }
        }
        else if (type === "execute_result") outputs.push({ output_type: "execute_result", data: (content.data ?? {}) as Record<string, unknown>, metadata: (content.metadata ?? {}) as Record<string, unknown>, execution_count: null });
        else if (type === "error") outputs.push({ output_type: "error", ename: String(content.ename ?? "Error"), evalue: String(content.evalue ?? ""), traceback: (content.traceback ?? []) as string[] });
        else if (type === "clear_output") {
          outputs.length = 0;
          displays.clear();
        }
        else if (type === "status" && content.execution_state === "idle") {
          idle = true;
          settle();
        }
      });
      this.waiters.set(message.header.msg_id, (incoming) => {
        reply = incoming;
        settle();
      });
      this.send(this.shell, message).catch(() => finish("error"));
    });
  }

  /** Asks the kernel to shut down, then ends the process, closes the sockets and removes the connection file. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    if (this.process && !this.exited) {
      await this.request(this.control, this.message("shutdown_request", { restart: false }), 2000);
      const exited = new Promise<void>((resolve) => (this.exited ? resolve() : this.process!.once("exit", () => resolve())));
      // The timer is cleared once the kernel exits: left running, it kept the process alive 2 s after the report.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      if (!this.exited) this.process.kill("SIGKILL");
    }
    // What the cells started, still in the kernel's group.
    if (this.process?.pid !== undefined) killGroup(this.process.pid);
    this.closed = true;
    for (const socket of [this.shell, this.control, this.iopub]) socket.close();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.forgetInterruptCleanup?.();
  }
}
