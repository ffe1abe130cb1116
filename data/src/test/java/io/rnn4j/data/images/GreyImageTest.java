package io.rnn4j.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreyImageTest {

    @Test
    void rowsAndColumnsAreTheImageReadBothWays() {
        GreyImage img = GreyImage.fromRows(List.of(List.of(0, 51, 102), List.of(153, 204, 255)), 255);
        assertThat(img.sequence(ReadOrder.ROWS)).isDeepEqualTo(new float[][] {{0f, 0.2f, 0.4f}, {0.6f, 0.8f, 1f}});
        assertThat(img.sequence(ReadOrder.COLUMNS)).isDeepEqualTo(new float[][] {{0f, 0.6f}, {0.2f, 0.8f}, {0.4f, 1f}});
    }

    @Test
    void pngGreyAndColourImagesRead(@TempDir Path dir) throws Exception {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 1, 0, 255);
        grey.getRaster().setSample(0, 0, 0, 51);
        Path g = dir.resolve("g.png");
        ImageIO.write(grey, "png", g.toFile());
        GreyImage read = GreyImage.read(g);
        assertThat(read.height()).isEqualTo(2);
        assertThat(read.width()).isEqualTo(3);
        assertThat(read.at(1, 2)).isEqualTo(1f);
        assertThat(read.at(0, 0)).isEqualTo(0.2f);
        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff0000);
        Path c = dir.resolve("c.png");
        ImageIO.write(rgb, "png", c.toFile());
        assertThat(GreyImage.read(c).at(0, 0)).isEqualTo((float) (0.299 * 255 / 255));
    }

    @Test
    void badImagesAreRefusedWithWhatIsWrong(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> GreyImage.read(dir.resolve("none.png"))).hasMessageEndingWith("none.png: no such image file");
        Path text = Files.writeString(dir.resolve("t.png"), "not a png");
        assertThatThrownBy(() -> GreyImage.read(text)).hasMessageContaining("t.png: not an image that javax.imageio can read");
        assertThatThrownBy(() -> GreyImage.fromRows(List.of(List.of(1, 2), List.of(3)), 255))
                .hasMessage("row 1 has 1 pixels but row 0 has 2; every row of an image must have the same width");
        assertThatThrownBy(() -> GreyImage.fromRows(List.of(List.of(1, 300)), 255))
                .hasMessage("pixel at row 0, column 1 is 300 but pixels must be numbers in 0..255");
        assertThatThrownBy(() -> GreyImage.fromRows(List.of(List.of(0.5, "x")), 1))
                .hasMessage("pixel at row 0, column 1 is x but pixels must be numbers in 0..1");
    }
}
