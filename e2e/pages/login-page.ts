import { expect, type Locator, type Page } from "@playwright/test";

/** The sign-in page and the header's sign-out button. */
export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(next?: string): Promise<void> {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
    await expect(this.page.getByTestId("login-page")).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByTestId("login-username").fill(username);
    await this.page.getByTestId("login-password").fill(password);
    await this.page.getByTestId("login-submit").click();
  }

  /** Signs in with credentials the server refuses, and waits for the refusal to be shown. */
  async refused(username: string, password: string): Promise<Locator> {
    const form = this.page.getByTestId("login-form");
    const before = Number((await form.getAttribute("data-refusals")) ?? "0");
    await this.signIn(username, password);
    await expect(form).toHaveAttribute("data-refusals", String(before + 1));
    return this.error();
  }

  error(): Locator {
    return this.page.getByTestId("login-error");
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId("sign-out").click();
    await this.page.waitForURL(/\/login/);
  }
}
