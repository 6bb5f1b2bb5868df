/**
 * CPU caps for benchmark processes through Linux control groups: a process moved into a cap gets at most `cores`
 * cores' worth of CPU time (CFS quota), all its threads together. Used by scripts/bench.ts to measure scale-out on a
 * machine too small to give each app instance a core of its own beside the database and the load generator.
 *
 * Works with cgroup v2 (the `cpu` controller enabled at /sys/fs/cgroup) or v1 (/sys/fs/cgroup/cpu), and needs the
 * right to create groups there (root, or a delegated subtree). `createCpuCap` returns null where that is not possible.
 */
import fs from "node:fs";
import path from "node:path";

export interface CpuCap {
  /** The group's folder. */
  dir: string;
  /** Moves a process (all its threads) into the cap. */
  add(pid: number): void;
  /** Moves the processes back to the root group and removes the cap. */
  remove(): void;
}

const PERIOD_US = 100_000;

function layout(): { root: string; v2: boolean } | null {
  const v2 = "/sys/fs/cgroup";
  try {
    if (fs.readFileSync(path.join(v2, "cgroup.subtree_control"), "utf8").split(/\s+/).includes("cpu")) return { root: v2, v2: true };
  } catch {
    /* not a v2 hierarchy with cpu */
  }
  const v1 = "/sys/fs/cgroup/cpu";
  if (fs.existsSync(path.join(v1, "cpu.cfs_quota_us"))) return { root: v1, v2: false };
  return null;
}

export function createCpuCap(name: string, cores: number): CpuCap | null {
  const l = layout();
  if (!l || !(cores > 0)) return null;
  const dir = path.join(l.root, name);
  try {
    fs.mkdirSync(dir);
    const quota = Math.round(cores * PERIOD_US);
    if (l.v2) fs.writeFileSync(path.join(dir, "cpu.max"), `${quota} ${PERIOD_US}`);
    else {
      fs.writeFileSync(path.join(dir, "cpu.cfs_period_us"), String(PERIOD_US));
      fs.writeFileSync(path.join(dir, "cpu.cfs_quota_us"), String(quota));
    }
  } catch {
    try {
      fs.rmdirSync(dir);
    } catch {
      /* never made */
    }
    return null;
  }
  return {
    dir,
    add: (pid) => fs.writeFileSync(path.join(dir, "cgroup.procs"), String(pid)),
    remove() {
      try {
        for (const pid of fs.readFileSync(path.join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean)) {
          try {
            fs.writeFileSync(path.join(l.root, "cgroup.procs"), pid);
          } catch {
            /* gone meanwhile */
          }
        }
        fs.rmdirSync(dir);
      } catch {
        /* already removed */
      }
    },
  };
}
