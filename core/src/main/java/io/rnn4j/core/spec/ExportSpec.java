package io.rnn4j.core.spec;

/**
 * The {@code export:} section: where the trained model is exported and how the export is checked.
 *
 * @param onnx        path of the ONNX file to write (relative to the output directory), or {@code null}
 *                    for no ONNX export
 * @param opset       ONNX opset version
 * @param checkParity run the exported file in ONNX Runtime and compare with the reference backend
 */
@Doc("Where the trained model is exported.")
public record ExportSpec(
        @Doc("Path of the ONNX file to write, relative to the output directory.") String onnx,
        @Doc("ONNX opset version.") @Default("17") @Range(min = 14, max = 21) int opset,
        @Doc("Run the exported file in ONNX Runtime and compare with the reference backend (1e-5).") @Default("true") boolean checkParity) {

    /** No export. */
    public static ExportSpec none() {
        return new ExportSpec(null, 17, true);
    }
}
