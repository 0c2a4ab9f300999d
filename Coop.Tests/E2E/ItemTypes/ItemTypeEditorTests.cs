using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.ItemTypes;

[Trait("Category", "E2E")]
public sealed class ItemTypeEditorTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_creates_a_content_type_with_a_creator_role_and_sees_it_listed()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        var page = console.Page;

        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await page.GetByTestId("nav-item-types").ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-type-row-User")).ToContainTextAsync("default user type");
        await Assertions.Expect(page.GetByTestId("item-type-delete-User")).ToHaveCountAsync(0);

        await page.GetByTestId("item-type-new").ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-type-title")).ToHaveTextAsync("New item type");
        await console.WaitForShellAsync();
        await page.GetByTestId("item-type-save").ClickAsync();
        await Assertions.Expect(page.GetByText("An item type needs a name.").First).ToBeVisibleAsync();

        await page.GetByTestId("item-type-name").FillAsync("Post");
        await page.GetByTestId("field-add").ClickAsync();
        await page.GetByTestId("field-name-1").FillAsync("author");
        await ChooseAsync(page, "field-type-1", "RELATED_ITEM");
        await page.GetByTestId("field-add").ClickAsync();
        await page.GetByTestId("field-name-2").FillAsync("photos");
        await ChooseAsync(page, "field-type-2", "IMAGE");
        await ChooseAsync(page, "field-container-2", "List");
        await ChooseAsync(page, "role-creatorId", "author");
        await page.GetByTestId("role-creatorId").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveTextAsync(["(none)", "author"]);
        await page.Keyboard.PressAsync("Escape");
        await console.ScreenshotAsync("item-type-editor");

        await page.GetByTestId("item-type-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-type-row-Post")).ToBeVisibleAsync();
        Assert.Equal("/item-types", console.Path);
        await Assertions.Expect(page.GetByTestId("item-type-row-Post")).ToContainTextAsync("CONTENT");
        await Assertions.Expect(page.GetByTestId("item-type-row-Post").GetByTestId("item-type-field-count")).ToHaveTextAsync("3");
        await console.ScreenshotAsync("item-types-list");

        await page.GetByTestId("item-type-edit-Post").ClickAsync();
        await Assertions.Expect(page.GetByTestId("role-creatorId")).ToHaveValueAsync("author");
        await page.GetByTestId("item-type-example").ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-type-example")).ToContainTextAsync("\"photos\"");
        await console.ScreenshotAsync("item-type-edit");

        await page.GetByTestId("item-type-cancel").ClickAsync();
        await page.GetByTestId("item-type-delete-Post").ClickAsync();
        await Assertions.Expect(page.GetByText("Delete Post?")).ToBeVisibleAsync();
        await console.ScreenshotAsync("item-type-delete-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-type-row-Post")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("item-type-row-User")).ToBeVisibleAsync();
    }

    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
