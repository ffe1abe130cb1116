package io.rnn4j.data.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grey image: {@code height x width} pixel values in {@code [0, 1]}, row-major, 0 black (or, for
 * MNIST-style data, background) and 1 white.
 *
 * @param height rows
 * @param width  columns
 * @param pixels {@code height * width} values, row-major (not copied: treat as read-only)
 */
public record GreyImage(int height, int width, float[] pixels) {
    /** Validates. */
    public GreyImage {
        if (height < 1 || width < 1 || pixels.length != height * width) {
            throw new IllegalArgumentException("an image of " + height + " x " + width + " needs " + height * width
                    + " pixels, got " + pixels.length);
        }
    }

    /** The pixel at row {@code r}, column {@code c}. */
    public float at(int r, int c) {
        return pixels[r * width + c];
    }

    /**
     * The image as a sequence {@code [steps][features]}: rows (height steps of width values) or columns
     * (width steps of height values, top to bottom).
     */
    public float[][] sequence(ReadOrder order) {
        if (order == ReadOrder.ROWS) {
            float[][] out = new float[height][width];
            for (int r = 0; r < height; r++) {
                System.arraycopy(pixels, r * width, out[r], 0, width);
            }
            return out;
        }
        float[][] out = new float[width][height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                out[c][r] = pixels[r * width + c];
            }
        }
        return out;
    }

    /**
     * Reads a PNG (or any format {@code javax.imageio} reads). Grey images keep their values ({@code v / 255},
     * or {@code / 65535} for 16-bit); colour images are converted with the ITU-R BT.601 luma
     * {@code 0.299 R + 0.587 G + 0.114 B}; transparency is ignored.
     *
     * @throws IOException naming the file if it is missing or not an image
     */
    public static GreyImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such image file");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read as an image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new IOException(file + ": not an image that javax.imageio can read; give PNG files");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        float[] px = new float[h * w];
        boolean grey = img.getType() == BufferedImage.TYPE_BYTE_GRAY || img.getType() == BufferedImage.TYPE_USHORT_GRAY;
        int bits = img.getColorModel().getComponentSize(0);
        double max = (1 << bits) - 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (grey) {
                    px[r * w + c] = (float) (img.getRaster().getSample(c, r, 0) / max);
                } else {
                    int rgb = img.getRGB(c, r);
                    double y = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                    px[r * w + c] = (float) (y / 255);
                }
            }
        }
        return new GreyImage(h, w, px);
    }

    /**
     * An image from rows of numbers (a JSON array of arrays), each in {@code [0, scale]}, divided by
     * {@code scale} (1 for values already in [0, 1], 255 for bytes).
     *
     * @throws IllegalArgumentException saying which row is ragged, or which value is not a number in range
     */
    public static GreyImage fromRows(List<?> rows, double scale) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the image has no rows");
        }
        int h = rows.size();
        int w = -1;
        float[] px = null;
        for (int r = 0; r < h; r++) {
            if (!(rows.get(r) instanceof List<?> row)) {
                throw new IllegalArgumentException("row " + r + " is not an array of pixel values");
            }
            if (w < 0) {
                w = row.size();
                if (w == 0) {
                    throw new IllegalArgumentException("row 0 is empty");
                }
                px = new float[h * w];
            } else if (row.size() != w) {
                throw new IllegalArgumentException("row " + r + " has " + row.size() + " pixels but row 0 has " + w
                        + "; every row of an image must have the same width");
            }
            for (int c = 0; c < w; c++) {
                if (!(row.get(c) instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= scale)) {
                    throw new IllegalArgumentException("pixel at row " + r + ", column " + c + " is " + row.get(c)
                            + " but pixels must be numbers in 0.." + (scale == 1 ? "1" : String.valueOf((long) scale)));
                }
                px[r * w + c] = (float) (((Number) row.get(c)).doubleValue() / scale);
            }
        }
        return new GreyImage(h, w, px);
    }
}
