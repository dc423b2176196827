import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { REDACTED, RULE_KEYWORDS, RULE_PATTERNS, redact, redactArgv, redactValue } from "./redact";

const PEM = [
  "-----BEGIN OPENSSH PRIVATE KEY-----",
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
  "QyNTUxOQAAACBx0000000000000000000000000000000000000000000AAAAJhzZWNyZXQ=",
  "-----END OPENSSH PRIVATE KEY-----",
].join("\n");
const KEY_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ";
const SWARM = "SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx";

describe("redact", () => {
  test.each([
    ["a PEM private key", `key:\n${PEM}\nafter`, "key:\n[REDACTED PRIVATE KEY]\nafter"],
    [
      "an RSA key with escaped newlines (JSON)",
      "-----BEGIN RSA PRIVATE KEY-----\\nMIIEabc\\n-----END RSA PRIVATE KEY-----",
      "[REDACTED PRIVATE KEY]",
    ],
    ["a key cut before its END line", "x -----BEGIN EC PRIVATE KEY-----\nMHcCAQEE", "x [REDACTED PRIVATE KEY]"],
    ["the tail of a cut key", "MHcCAQEEIB\nAAAA\n-----END EC PRIVATE KEY-----\nok", "[REDACTED PRIVATE KEY]\nok"],
    ["a PuTTY key", "Private-Lines: 1\nAAAAIGQ=\nPrivate-MAC: 0a1b2c", "Private-Lines: [REDACTED]"],
    [
      "a swarm join token",
      `docker swarm join --token ${SWARM} 10.0.0.1:2377`,
      "docker swarm join --token SWMTKN-[REDACTED] 10.0.0.1:2377",
    ],
    ["a swarm token glued to other text", `xx${SWARM}`, "xxSWMTKN-[REDACTED]"],
    ["a swarm unlock key", "SWMKEY-1-abcdefabcdef", "SWMKEY-[REDACTED]"],
    ["a bearer token", "Authorization: Bearer abcdefgh12345678", "Authorization: Bearer [REDACTED]"],
    ["a JWT", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature", `jwt ${REDACTED}`],
    ["a URL password", "etcd://user:pa55word@node-3:2379/x", "etcd://user:[REDACTED]@node-3:2379/x"],
    ["password=value", "DB_PASSWORD=hunter2 next", "DB_PASSWORD=[REDACTED] next"],
    ["--password=value", "--password=hunter2", "--password=[REDACTED]"],
    ["yaml password", "password: hunter2", "password: [REDACTED]"],
    ["json token", '{"token": "abc", "n": 1}', '{"token": "[REDACTED]", "n": 1}'],
    ["api_key in single quotes", "api_key='abc def'", `api_key='${REDACTED}'`],
  ])("removes %s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test("leaves ordinary command output alone", () => {
    const text =
      "NETWORK ID     NAME      DRIVER    SCOPE\nabc123         bridge    bridge    local\nhttps://example.com:8443/path";
    expect(redact(text)).toBe(text);
    expect(redact("docker swarm join-token -q worker")).toBe("docker swarm join-token -q worker");
  });

  test("removes known values, but not ones too short to be secrets", () => {
    expect(redact("login with pa$$(word) now", { known: ["pa$$(word)"] })).toBe(`login with ${REDACTED} now`);
    expect(redact("abc", { known: ["abc"] })).toBe("abc");
  });

  test("is idempotent on every shape", () => {
    for (const input of [PEM, SWARM, "password: x", '"secret": "y"', "https://u:p@h/", "Bearer abcdefghijk"]) {
      const once = redact(input);
      expect(redact(once)).toBe(once);
    }
  });

  test("a secret embedded anywhere in random text never survives", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.constantFrom(PEM, SWARM, `password=${KEY_BODY}`),
        (before, after, secret) => {
          const out = redact(`${before}${secret}${after}`);
          expect(out).not.toContain("3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl");
          expect(out).not.toContain(KEY_BODY);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("redacting twice is the same as once, for random text", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "a",
            "=",
            ":",
            " ",
            "\n",
            '"',
            "password",
            "token",
            "SWMTKN-1-",
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----END RSA PRIVATE KEY-----",
            "[REDACTED]",
            "Bearer ",
            "https://u:p@h/",
          ),
        }),
        (text) => {
          const once = redact(text);
          expect(redact(once)).toBe(once);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("text without any rule's keyword matches no rule (the fast path skips nothing)", () => {
    const unit = fc.constantFrom(
      ..."abcdeiklnoprstwyzABEIJKMNPSTVWY0123456789-_.:/@='\" \n\t[]".split(""),
      "PRIVATE KEY",
      "-----BEGIN ",
      "-----END ",
      "Private-Lines: 1",
      "SWMTKN-1-",
      "eyJabcd.",
      "Bearer ",
      "https://u:",
      "passwd=",
      "secret:",
      "token=",
      "api_key=",
      "access-key=",
      "credential:",
      "PRIVATE",
      "KEY",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        if (RULE_KEYWORDS.test(text)) return;
        for (const pattern of RULE_PATTERNS) expect(new RegExp(pattern.source, pattern.flags).test(text)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  test("adversarial input takes linear time", () => {
    const size = 256 * 1024;
    const inputs = [
      "x".repeat(size),
      "password".repeat(size / 8),
      'password="'.repeat(size / 10),
      "-eyJaaaa".repeat(size / 8),
      "a.".repeat(size / 2),
      "-----BEGIN ".repeat(size / 11),
      "SWMTKN-".repeat(size / 7),
      "Private-Lines: 1 ".repeat(size / 17),
      "https://a:".repeat(size / 10),
    ];
    const started = performance.now();
    for (const input of inputs) redact(input);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe("redactArgv", () => {
  test("redacts the value after a secret flag and keeps positions", () => {
    expect(redactArgv(["docker", "swarm", "join", "--token", "abc", "10.0.0.1"])).toEqual([
      "docker",
      "swarm",
      "join",
      "--token",
      REDACTED,
      "10.0.0.1",
    ]);
    expect(redactArgv(["docker", "login", "-u", "me", "-p", "hunter2", "registry"])).toEqual([
      "docker",
      "login",
      "-u",
      "me",
      "-p",
      REDACTED,
      "registry",
    ]);
  });

  test("does not treat ports or --password-stdin as secrets", () => {
    expect(redactArgv(["docker", "run", "-p", "8080:80", "busybox"])).toEqual([
      "docker",
      "run",
      "-p",
      "8080:80",
      "busybox",
    ]);
    expect(redactArgv(["docker", "login", "--password-stdin", "registry"])).toEqual([
      "docker",
      "login",
      "--password-stdin",
      "registry",
    ]);
  });
});

describe("redactValue", () => {
  test("replaces values under secret-named keys and redacts strings everywhere", () => {
    expect(
      redactValue({
        host: "node-1",
        password: "hunter2",
        nested: { privateKey: PEM, apiKey: 42, enabled: true, tokens: ["a"] },
        list: [`join ${SWARM}`],
      }),
    ).toEqual({
      host: "node-1",
      password: REDACTED,
      nested: { privateKey: REDACTED, apiKey: REDACTED, enabled: true, tokens: ["a"] },
      list: ["join SWMTKN-[REDACTED]"],
    });
  });
});
