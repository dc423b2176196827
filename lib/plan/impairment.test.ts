import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { driftOf } from "../drift/drift";
import { render } from "../i18n/text";
import { loadExample } from "../probe/testing/lab-design";
import { hostileString } from "../topology/testing/arbitraries";
import {
  applyArgv,
  clearArgv,
  formatRate,
  type Impairment,
  netemMissing,
  parseDelay,
  parseImpairPoint,
  parseImpairRequest,
  parseLoss,
  parseRate,
  probabilityOf,
} from "./impairment";
import type { Observed } from "./observed";
import { planDestroy, planTopology } from "./plan";
import { renderPlanText } from "./render";
import { appliedSnapshot } from "./testing/applied-snapshot";

const macvlan = loadExample("macvlan");
const vlans = loadExample("macvlan-8021q");

/** Words a command of an impairment may carry besides the point's interface and the parsed number. */
const SAFE =
  /^(ip|link|set|down|up|tc|qdisc|replace|del|dev|root|handle|c0de:|tbf|rate|burst|latency|100ms|netem|delay|iptables|-w|5|-t|raw|-I|-D|PREROUTING|-i|-m|statistic|--mode|random|--probability|comment|--comment|crossnet-impair|-j|DROP|[0-9]+(\.[0-9]+)?(k|m|g)?(bit|ms)?|[a-z0-9][a-z0-9.]*)$/;

describe("impairment values", () => {
  it("accepts the documented forms and normalises them", () => {
    expect(parseRate("10mbit")).toEqual({ ok: true, value: 10_000_000 });
    expect(parseRate("500kbit")).toEqual({ ok: true, value: 500_000 });
    expect(parseLoss("30%")).toEqual({ ok: true, value: 30 });
    expect(parseLoss("0.5")).toEqual({ ok: true, value: 0.5 });
    expect(parseDelay("2s")).toEqual({ ok: true, value: 2000 });
    expect(formatRate(10_000_000)).toBe("10mbit");
    expect(probabilityOf(30)).toBe("0.3000");
  });

  it("refuses values out of bounds, naming the field and how to fix it", () => {
    for (const [parse, text, field] of [
      [parseRate, "1kbit", "rate"],
      [parseRate, "200gbit", "rate"],
      [parseRate, "10 mbit; reboot", "rate"],
      [parseLoss, "0", "loss"],
      [parseLoss, "100.01", "loss"],
      [parseLoss, "-5", "loss"],
      [parseLoss, "NaN", "loss"],
      [parseDelay, "0ms", "delay"],
      [parseDelay, "11s", "delay"],
      [parseDelay, "1e3ms", "delay"],
    ] as const) {
      const parsed = parse(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) {
        expect(parsed.problem.field).toBe(field);
        expect(parsed.problem.hint.length).toBeGreaterThan(10);
      }
    }
  });

  it("never lets a hostile string through as a value: whatever is accepted is re-rendered from a number", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string(), fc.stringMatching(/^[0-9a-z.%-]{1,12}$/)), (text) => {
        const rate = parseRate(text);
        if (rate.ok)
          expect(applyArgv("ens33", { kind: "rate", bitsPerSecond: rate.value }).every((word) => SAFE.test(word))).toBe(
            true,
          );
        const loss = parseLoss(text);
        if (loss.ok) {
          expect(loss.value).toBeGreaterThan(0);
          expect(loss.value).toBeLessThanOrEqual(100);
          expect(applyArgv("ens33", { kind: "loss", percent: loss.value }).every((word) => SAFE.test(word))).toBe(true);
        }
        const delay = parseDelay(text);
        if (delay.ok)
          expect(applyArgv("ens33", { kind: "delay", ms: delay.value }).every((word) => SAFE.test(word))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("never accepts a hostile point: an accepted point names a design host and interface, or a design container", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString,
          hostileString.map((text) => `node-1:${text}`),
          hostileString.map((text) => `container:${text}`),
          hostileString.map((text) => `container:bbox-1:${text}`),
        ),
        (text) => {
          const point = parseImpairPoint(text, macvlan);
          if (!point.ok) return;
          if (point.value.kind === "host") expect(["node-1:ens33", "node-2:ens33"]).toContain(text);
          else {
            expect(["bbox-1", "bbox-2"]).toContain(point.value.container);
            expect(point.value.iface).toMatch(/^eth[0-9]{1,2}$/);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("impairment points and requests", () => {
  it("knows the design's NICs and VLAN sub-interfaces, and containers with eth0 by default", () => {
    expect(parseImpairPoint("node-1:ens33.10", vlans)).toEqual({
      ok: true,
      value: { kind: "host", host: "node-1", iface: "ens33.10" },
    });
    expect(parseImpairPoint("container:bbox-1", macvlan)).toEqual({
      ok: true,
      value: { kind: "container", container: "bbox-1", iface: "eth0" },
    });
    for (const inherited of ["container:constructor", "container:__proto__", "toString:ens33"])
      expect(parseImpairPoint(inherited, macvlan).ok, inherited).toBe(false);
    const wrong = parseImpairPoint("node-1:eth9", macvlan);
    expect(wrong.ok === false && wrong.problem).toMatchObject({
      field: "point",
      message: "'eth9' is not an interface of node-1 in the design",
      hint: "Interfaces of node-1: ens33.",
    });
  });

  it("takes exactly one action", () => {
    const both = parseImpairRequest({ at: "node-1:ens33", down: true, loss: "5" }, macvlan);
    expect(both.ok === false && both.problem.message).toBe("--down and --loss cannot be combined");
    expect(parseImpairRequest({ clear: true }, macvlan)).toEqual({ ok: true, value: { action: "clear", points: [] } });
    expect(parseImpairRequest({ at: "container:bbox-2", loss: "5%" }, macvlan)).toEqual({
      ok: true,
      value: {
        action: "apply",
        point: { kind: "container", container: "bbox-2", iface: "eth0" },
        impairment: { kind: "loss", percent: 5 },
      },
    });
  });

  it("clears what it applies, with the same rule spec and the same qdisc handle", () => {
    const loss: Impairment = { kind: "loss", percent: 12.5 };
    expect(applyArgv("eth0", loss).slice(7)).toEqual(clearArgv("eth0", loss).slice(7));
    expect(clearArgv("ens33", { kind: "rate", bitsPerSecond: 1e6 })).toEqual([
      "tc",
      "qdisc",
      "del",
      "dev",
      "ens33",
      "root",
      "handle",
      "c0de:",
    ]);
    expect(netemMissing("Error: Specified qdisc kind is unknown.\n")).toMatch(/no sch_netem/);
    expect(netemMissing('Cannot find device "ens33"')).toBeUndefined();
  });
});

describe("impairments as drift", () => {
  function impaired(): Observed {
    const observed = appliedSnapshot(macvlan);
    const one = observed["node-1"];
    const two = observed["node-2"];
    if (!one || !two) throw new Error("no snapshot");
    one.links = one.links.map((link) => (link.name === "ens33" ? { ...link, up: false } : link));
    one.impairments = [
      { point: { kind: "host", host: "node-1", iface: "ens33" }, impairment: { kind: "rate", bitsPerSecond: 1e6 } },
    ];
    two.impairments = [
      {
        point: { kind: "container", container: "bbox-2", iface: "eth0" },
        impairment: { kind: "loss", percent: 30 },
        pid: 4242,
      },
      // Not a design interface: not Crossnet's business.
      { point: { kind: "host", host: "node-2", iface: "docker0" }, impairment: { kind: "rate", bitsPerSecond: 1e6 } },
    ];
    return observed;
  }

  it("an applied design with no impairment plans nothing", () => {
    expect(planTopology(macvlan, appliedSnapshot(macvlan)).steps).toEqual([]);
  });

  it("plans the commands that clear each impairment, and the drift marks the NIC and the container", () => {
    const plan = planTopology(macvlan, impaired());
    expect(renderPlanText(plan)).toMatchInlineSnapshot(`
      "node-1:
        ~ nic:ens33@node-1  (down)
            ip link set ens33 up
        ~ nic:ens33@node-1  (impaired: rate 1mbit on ens33)
            tc qdisc del dev ens33 root handle c0de:

      node-2:
        ~ container:bbox-2@node-2  (impaired: loss 30% on eth0)
            nsenter --net=/proc/4242/ns/net -- iptables -w 5 -t raw -D PREROUTING -i eth0 -m statistic --mode random --probability 0.3000 -m comment --comment crossnet-impair -j DROP

      Plan: 0 to add, 3 to change, 0 to remove, on 2 hosts.
      "
    `);
    const drift = driftOf(macvlan, plan);
    expect(drift.marks["nic:node-1/ens33"]?.state).toBe("changed");
    expect(drift.marks["nic:node-1/ens33"]?.reasons.map((reason) => reason.en)).toEqual([
      "down",
      "impaired: rate 1mbit on ens33",
    ]);
    expect(drift.marks["container:bbox-2"]?.state).toBe("changed");
    expect(drift.marks["container:bbox-2"]?.reasons.map((reason) => render(reason, "zh-CN"))).toEqual([
      "受损：eth0 上的 loss 30%",
    ]);
  });

  it("destroy clears the host interfaces' impairments too", () => {
    const steps = planDestroy(macvlan, impaired()).steps.filter(
      (step) => step.host === "node-1" && step.resourceId.startsWith("nic:"),
    );
    expect(steps.map((step) => step.argv.join(" "))).toEqual([
      "ip link set ens33 up",
      "tc qdisc del dev ens33 root handle c0de:",
    ]);
  });
});
