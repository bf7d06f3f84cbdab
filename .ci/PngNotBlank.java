import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Exits 1 if a PNG is (nearly) one colour: a page that rendered nothing. Run as {@code java PngNotBlank.java F}. */
public class PngNotBlank {
  public static void main(String[] args) throws Exception {
    BufferedImage image = ImageIO.read(new File(args[0]));
    if (image == null) {
      System.err.println(args[0] + ": not a PNG");
      System.exit(1);
    }
    int background = image.getRGB(0, 0);
    long differing = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        if (image.getRGB(x, y) != background) differing++;
      }
    }
    double share = differing / ((image.getWidth() / 2.0) * (image.getHeight() / 2.0));
    if (share < 0.02) {
      System.err.printf("%s: %.2f%% of pixels differ from the background%n", args[0], 100 * share);
      System.exit(1);
    }
  }
}
