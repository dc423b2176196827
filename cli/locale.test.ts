import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliLocale } from "./locale";
import { runCli } from "./testing/run-cli";

/** The CLI speaks the language of LC_ALL / LC_MESSAGES / LANG: issues, hints and the tally in Chinese for zh_CN. */

const root = join(import.meta.dirname, "..");

/** Only the variables given (no LC_ALL inherited from the machine running the tests). */
function only(vars: Record<string, string>): NodeJS.ProcessEnv {
  return { NODE_ENV: "test", ...vars };
}

function validate(file: string, env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return runCli(["validate", file], { cleanEnv: true, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env } });
}

describe("cliLocale", () => {
  it("follows LC_ALL before LC_MESSAGES before LANG", () => {
    expect(cliLocale(only({ LANG: "zh_CN.UTF-8" }))).toBe("zh-CN");
    expect(cliLocale(only({ LANG: "zh_CN.UTF-8", LC_ALL: "en_US.UTF-8" }))).toBe("en");
    expect(cliLocale(only({ LANG: "en_US.UTF-8", LC_MESSAGES: "zh_TW.UTF-8" }))).toBe("zh-CN");
    expect(cliLocale(only({}))).toBe("en");
  });
});

describe("crossnet validate under LANG=zh_CN.UTF-8", () => {
  const broken = join(root, "lib", "i18n", "testing", "broken-macvlan.yaml");

  it("prints the issues, their hints and the tally in Chinese", { timeout: 60_000 }, async () => {
    const { code, stdout } = await validate(broken, { LANG: "zh_CN.UTF-8" });
    expect(code).toBe(1);
    expect(stdout).toContain(
      "error parent-in-use: 在 node-1 上，'mac_net2' 使用父接口 ens33，而 'mac_net1' 已经在用它",
    );
    expect(stdout).toContain("提示：一块网卡只能承载一个 macvlan 网络。");
    expect(stdout).toContain("macvlan 网络 'mac_net3' 没有子网");
    expect(stdout).toMatch(/\d+ 个错误，\d+ 个警告，\d+ 条提示/);
  });

  it("prints English under LANG=C", { timeout: 60_000 }, async () => {
    const { stdout } = await validate(broken, { LANG: "C" });
    expect(stdout).toContain("hint: One NIC takes one macvlan network.");
    expect(stdout).toMatch(/\d+ errors, \d+ warnings, \d+ notes/);
  });

  it("a valid example says so in Chinese", { timeout: 60_000 }, async () => {
    const { code, stdout } = await validate(join(root, "examples", "macvlan-8021q.yaml"), { LANG: "zh_CN.UTF-8" });
    expect(code).toBe(0);
    expect(stdout).toMatch(/macvlan-8021q\.yaml：有效（0 个错误，\d+ 个警告，\d+ 条提示）/);
  });
});
