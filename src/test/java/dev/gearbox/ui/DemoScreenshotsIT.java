package dev.gearbox.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The README's screenshots: {@code gearbox serve} (the demo, no config) runs for a few minutes of its
 * own traffic, then each page is photographed in headless Chromium. Not part of the suite (it waits
 * minutes on purpose, for the traffic to accumulate); run it with
 * {@code ./mvnw verify -Dit.test=DemoScreenshotsIT -Dgearbox.screenshots=true [-Ddemo.seconds=240]}
 * and copy {@code target/screenshots/demo/*.png} to {@code docs/screenshots/}.
 */
@EnabledIfSystemProperty(named = "gearbox.screenshots", matches = "true")
class DemoScreenshotsIT {
    @Test
    void screenshotsOfEachPageAfterMinutesOfDemoTraffic() throws Exception {
        Path work = Files.createTempDirectory("gearbox-demo-shots");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m", "-cp",
                System.getProperty("java.class.path"), "dev.gearbox.app.Main", "serve", "--port", Integer.toString(port))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile());
        pb.environment().put("GEARBOX_ADMIN_TOKEN", "demo-screenshots-token-0123456789");
        Process p = pb.start();
        try {
            Thread.sleep(Long.getLong("demo.seconds", 240) * 1000); // not a synchronisation: minutes of demo traffic are the point
            Path out = Path.of("target", "screenshots", "demo");
            Files.createDirectories(out);
            try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
                Browser b = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu")));
                Page page = b.newPage(new Browser.NewPageOptions().setViewportSize(1400, 900).setLocale("en-US").setTimezoneId("UTC"));
                String ui = "http://127.0.0.1:" + port + "/ui/";
                page.navigate(ui);
                page.fill("#token", "demo-screenshots-token-0123456789");
                page.click("#signin");
                page.waitForSelector("main[data-ready='overview']");
                page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("overview.png")).setFullPage(true));
                for (String v : List.of("routes", "decisions", "observation", "keys")) {
                    page.navigate(ui + "#" + v);
                    page.waitForSelector("main[data-ready='" + v + "']");
                    if (v.equals("decisions")) {
                        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(v + ".png")));
                        page.locator("table[data-testid='decisions'] a").nth(3).click();
                        page.waitForSelector("main[data-ready='request']");
                        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("request.png")).setFullPage(true));
                    } else {
                        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(v + ".png")).setFullPage(true));
                    }
                }
                b.close();
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
