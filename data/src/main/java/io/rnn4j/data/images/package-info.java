/**
 * Grey images for handwriting recognition and image sequence models: {@link io.rnn4j.data.images.GreyImage}
 * read from PNG files ({@code javax.imageio}) or from arrays of pixel rows (JSON Lines), and turned into a
 * sequence of rows or of columns ({@link io.rnn4j.data.images.ReadOrder}).
 */
package io.rnn4j.data.images;
