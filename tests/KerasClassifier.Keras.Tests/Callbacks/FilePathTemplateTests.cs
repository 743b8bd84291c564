using KerasClassifier.Keras.Callbacks;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class FilePathTemplateTests
{
    private static readonly Dictionary<string, double> Logs = new()
    {
        ["loss"] = 0.123456789,
        ["val_accuracy"] = 0.8125,
        ["ratio"] = 0.8126,
        ["val_loss"] = 0.0001234,
        ["big"] = 1234567.5,
        ["negative"] = -2.5,
    };

    [Theory]
    [InlineData("ckpt/{epoch:02d}-{val_accuracy:.4f}.keras", "ckpt/03-0.8125.keras")]
    [InlineData("{epoch}", "3")]
    [InlineData("{epoch:03}", "003")]
    [InlineData("{epoch:>4d}|{epoch:<4d}|{epoch:^5d}", "   3|3   |  3  ")]
    [InlineData("{epoch:*^5}", "**3**")]
    [InlineData("{epoch:<03d}", "300")]
    [InlineData("{big:.4g}", "1.235e+06")]
    [InlineData("{loss}", "0.123456789")]
    [InlineData("{loss:.2f}", "0.12")]
    [InlineData("{loss:.0f}", "0")]
    [InlineData("{val_loss:.2e}", "1.23e-04")]
    [InlineData("{val_loss:.1E}", "1.2E-04")]
    [InlineData("{big:,.1f}", "1,234,567.5")]
    [InlineData("{big:.3g}", "1.23e+06")]
    [InlineData("{loss:.3g}", "0.123")]
    [InlineData("{val_loss:g}", "0.0001234")]
    [InlineData("{ratio:.1%}", "81.3%")]
    [InlineData("{negative:+.1f}|{loss:+.1f}|{loss: .1f}", "-2.5|+0.1| 0.1")]
    [InlineData("{negative:08.2f}", "-0002.50")]
    [InlineData("{{epoch}}-{epoch}", "{epoch}-3")]
    public void Formats_like_python(string template, string expected)
    {
        Assert.Equal(expected, new FilePathTemplate(template).Format(3, Logs));
    }

    [Fact]
    public void Batch_placeholder_uses_batch_number()
    {
        Assert.Equal("e2-b007", new FilePathTemplate("e{epoch}-b{batch:03d}").Format(2, Logs, batch: 7));
    }

    [Fact]
    public void Non_finite_values_named_as_python()
    {
        var logs = new Dictionary<string, double> { ["loss"] = double.NaN, ["val_loss"] = double.PositiveInfinity };

        Assert.Equal("nan-inf", new FilePathTemplate("{loss:.4f}-{val_loss:.2f}").Format(1, logs));
    }

    [Fact]
    public void Missing_key_lists_available()
    {
        var error = Assert.Throws<ArgumentException>(() => new FilePathTemplate("m-{val_acc:.2f}.keras").Format(1, Logs));

        Assert.Equal("filepath", error.ParamName);
        Assert.Contains("uses {val_acc}", error.Message);
        Assert.Contains("available: epoch, loss, val_accuracy, ratio", error.Message);
    }

    [Theory]
    [InlineData("m-{epoch.keras", "unmatched '{' at position 2")]
    [InlineData("m-}.keras", "unmatched '}' at position 2")]
    [InlineData("m-{}.keras", "has no name")]
    [InlineData("m-{epoch:02x}.keras", "format specification '02x' is not supported")]
    public void Invalid_template_rejected(string template, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new FilePathTemplate(template));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Float_with_d_format_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new FilePathTemplate("{loss:d}").Format(1, Logs));

        Assert.Contains("Format 'd' needs an integer", error.Message);
    }

    [Fact]
    public void Keys_in_order()
    {
        Assert.Equal(["epoch", "val_loss"], new FilePathTemplate("{epoch}/{val_loss:.2f}/{epoch}").Keys);
    }
}
