using System.Text;
using Supervision.Api.Checks;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;

namespace Supervision.Api.Tests;

/// <summary>The JSON grid reader on its own, without HTTP.</summary>
public sealed class GridRequestReaderTests
{
    [Fact]
    public void CellsBecomeEmptyNumberTextOrBooleanAsExcelHoldsThem()
    {
        var request = Read("""{"address": "C5", "values": [[null, "", "  ", 7.5, "大坪小学", true, "#N/A"]]}""");

        var grid = request.Grid;
        Assert.Equal(new CellAddress(5, 3), grid.TopLeft);
        Assert.Equal(CellValue.Empty, grid[5, 3]);
        Assert.Equal(CellValue.Empty, grid[5, 4]);
        Assert.Equal(CellValue.Empty, grid[5, 5]);
        Assert.Equal(CellValue.FromNumber(7.5), grid[5, 6]);
        Assert.Equal(CellValue.FromText("大坪小学"), grid[5, 7]);
        Assert.Equal(CellValue.FromBoolean(true), grid[5, 8]);
        Assert.Equal(CellValue.FromText("#N/A"), grid[5, 9]);
        Assert.Null(request.Form);
        Assert.Null(request.Metadata);
    }

    [Theory]
    [InlineData("""{"address": "B3", "values": []}""", "Sheet1")]
    [InlineData("""{"address": "'My sheet'!B3:I12", "values": []}""", "My sheet")]
    [InlineData("""{"address": "'My sheet'!B3:I12", "sheet": "评分表", "values": []}""", "评分表")]
    public void TheSheetIsTheSheetFieldElseTheAddressSheetElseSheet1(string json, string sheet)
    {
        Assert.Equal(sheet, Read(json).Grid.Sheet);
    }

    [Fact]
    public void FormAndMetadataAreReadWhenGiven()
    {
        var request = Read("""
            {"form": "Peer-Scores", "address": "A1", "values": [[1]],
             "metadata": {"campaign": "yuzhong-2018-2019", "form": "peer-scores", "subject": "g1-1", "author": "s01", "templateVersion": "1"}}
            """);

        Assert.Equal(FormKind.PeerScores, request.Form);
        Assert.Equal(new FormMetadata("yuzhong-2018-2019", "peer-scores", "g1-1", "s01", "1"), request.Metadata);
    }

    [Fact]
    public void ALeadingByteOrderMarkIsIgnored()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"address": "A1", "values": [[1]]}""")];

        var result = GridRequestReader.Read(body);

        Assert.Null(result.Error);
        Assert.Equal(CellValue.FromNumber(1), result.Request!.Grid[1, 1]);
    }

    private static GridRequest Read(string json)
    {
        var result = GridRequestReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(result.Error);
        return result.Request!;
    }
}
