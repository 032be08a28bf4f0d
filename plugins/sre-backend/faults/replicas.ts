/** The backend replicas of a fault run: real processes, started, killed and restarted. */
import { ChildProcess } from 'node:child_process';
import {
  killGroup,
  startBackendProcess,
  stopGroup,
  waitForReadiness,
} from '../bench/backendHarness';

/** Every replica of this process, for the interrupt handler. */
export const allReplicas = new Set<Replica>();

export class Replica {
  private process?: ChildProcess;
  private outputOf: () => string = () => '';
  /** Exits nobody asked for (not a kill or stop of this harness). */
  readonly unexpectedExits: string[] = [];
  private expectingExit = false;
  starts = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    /** The application_name of its database sessions. */
    readonly applicationName: string,
    private readonly configs: string[],
  ) {
    allReplicas.add(this);
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return (
      !!this.process &&
      this.process.exitCode === null &&
      this.process.signalCode === null
    );
  }

  /** Starts the process and resolves when it is ready; returns how long that took. */
  async start(): Promise<number> {
    const t0 = Date.now();
    const { backend, output } = startBackendProcess(this.port, this.configs, {
      // Less to write and format on two busy cores; warnings and errors stay.
      LOG_LEVEL: process.env.SRE_FAULTS_LOG_LEVEL ?? 'warn',
    });
    this.process = backend;
    this.outputOf = output;
    this.expectingExit = false;
    this.starts++;
    backend.once('exit', (code, signal) => {
      if (!this.expectingExit) {
        this.unexpectedExits.push(
          `${this.name} exited (${
            code ?? signal
          }) at ${new Date().toISOString()}`,
        );
      }
    });
    await waitForReadiness(this.base, backend);
    return Date.now() - t0;
  }

  /** SIGKILL to its whole process group. */
  async kill(): Promise<void> {
    if (!this.process) return;
    this.expectingExit = true;
    await killGroup(this.process);
  }

  async stop(): Promise<void> {
    if (!this.process) return;
    this.expectingExit = true;
    await stopGroup(this.process);
  }

  output(): string {
    return this.outputOf();
  }
}
