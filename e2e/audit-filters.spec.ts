import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { themeAndLanguage } from "./support/appearance";
import { E2E_ADMIN } from "./support/auth";
import { labPerDescribe } from "./support/lab";

/** `date` as a `datetime-local` value in UTC, whole minutes (the audit page reads it as UTC). */
function utcMinute(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/**
 * The audit page after a real apply: newest rows first, the apply's commands found with the who,
 * host, text and time filters (the server filters and pages; the URL holds the filter), HTTP 200
 * and exit 0 shown as successes, a filter that matches nothing said so, a bad filter value named.
 */
test.describe("audit filters on the lab", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  const lab = labPerDescribe("examples/macvlan.yaml");

  test("apply a design, then find its commands by who, host, text and time", async ({
    page,
    topologies,
    apply,
    audit,
  }) => {
    test.setTimeout(6 * 60_000);
    expect(lab().state).toBe("up");
    const started = new Date(Date.now() - 60_000);

    await test.step("apply the macvlan example on the lab", async () => {
      await topologies.goto();
      await topologies.create(uniqueName("audited"), "macvlan");
      await apply.applyOn("lab");
    });

    await test.step("the log opens newest first, and HTTP 200 or exit 0 is not an error", async () => {
      await audit.goto();
      const seqs = (
        await audit.rows().evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-seq"))))
      ).filter((seq) => Number.isFinite(seq));
      expect(seqs.length).toBeGreaterThan(10);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      const outcomes = await audit.rows().evaluateAll((rows) =>
        rows.map((row) => ({
          outcome: row.getAttribute("data-outcome"),
          exit: row.querySelector("[data-testid=audit-exit]")?.textContent ?? "",
        })),
      );
      for (const { outcome, exit } of outcomes) {
        if (exit === "0" || /^2\d\d$/.test(exit)) expect(outcome, `exit ${exit}`).toBe("ok");
        if (exit === "-") expect(outcome).toBe("none");
      }
      expect(outcomes.some(({ exit }) => exit === "200")).toBe(true);
    });

    await test.step("filter: who, host, text and time find the apply's macvlan command", async () => {
      const filters = page.getByTestId("audit-filters");
      await filters.getByTestId("audit-filter-who").selectOption(E2E_ADMIN);
      await filters.getByTestId("audit-filter-host").selectOption("node-2");
      await filters.getByTestId("audit-filter-text").fill("MACVLAN");
      await filters.getByTestId("audit-filter-from").fill(utcMinute(started));
      await filters.getByTestId("audit-filter-apply").click();
      await page.waitForURL(/\/audit\?.*host=node-2/);
      expect(new URL(page.url()).searchParams.get("q")).toBe("MACVLAN");
      await expect(audit.rows().first()).toBeVisible();
      const rows = await audit.rows().evaluateAll((found) =>
        found.map((row) => ({
          who: row.children[2]?.textContent ?? "",
          host: row.children[3]?.textContent ?? "",
          action: row.querySelector("[data-testid=audit-action]")?.textContent ?? "",
          at: row.children[1]?.textContent ?? "",
        })),
      );
      for (const row of rows) {
        expect(row.who).toBe(E2E_ADMIN);
        expect(row.host).toBe("node-2");
        expect(row.action.toLowerCase()).toContain("macvlan");
        expect(row.at >= started.toISOString().slice(0, 16)).toBe(true);
      }
      expect(rows.map((row) => row.action).join("\n")).toContain("docker network create -d macvlan");
      await page.screenshot({ path: `${ARTIFACTS}/audit-filtered.png`, fullPage: false });
      for (const [theme, language] of [
        ["light", "zh"],
        ["dark", "zh"],
        ["dark", "en"],
      ] as const) {
        await themeAndLanguage(page, theme, language);
        await expect(audit.rows().first()).toBeVisible();
        await page.screenshot({ path: `${ARTIFACTS}/audit-filtered-${theme}-${language}.png` });
      }
      await themeAndLanguage(page, "light", "en");
    });

    await test.step("a time range before the apply finds none of it, and says so", async () => {
      await page.goto(
        `/audit?host=node-2&q=macvlan&to=${encodeURIComponent(utcMinute(new Date(started.getTime() - 120_000)))}`,
      );
      await expect(page.getByTestId("audit-empty")).toBeVisible();
      await expect(audit.rows()).toHaveCount(0);
    });

    await test.step("a bad filter value is named and ignored; the others still apply", async () => {
      await page.goto("/audit?host=node-2&from=yesterday");
      await expect(page.getByTestId("audit-filter-error")).toContainText("From (UTC)");
      await expect(audit.rows().first()).toBeVisible();
      const hosts = await audit.rows().evaluateAll((rows) => rows.map((row) => row.children[3]?.textContent ?? ""));
      expect(new Set(hosts)).toEqual(new Set(["node-2"]));
    });

    await test.step("paging walks older and back newer, 25 rows a page", async () => {
      await audit.goto("?n=25");
      await expect(audit.rows()).toHaveCount(25);
      const firstSeq = await audit.rows().first().getAttribute("data-seq");
      await page.getByTestId("audit-older").click();
      await expect(audit.rows().first()).not.toHaveAttribute("data-seq", firstSeq ?? "");
      const olderFirst = Number(await audit.rows().first().getAttribute("data-seq"));
      expect(olderFirst).toBeLessThan(Number(firstSeq));
      await expect(page).toHaveURL(/n=25/);
      await page.getByTestId("audit-newer").click();
      await expect(audit.rows().first()).toHaveAttribute("data-seq", firstSeq ?? "");
      await expect(audit.rows()).toHaveCount(25);
    });
  });
});
