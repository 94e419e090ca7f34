package dev.gofr.ws.autoconfigure.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application of one annotated controller, found by component scanning: the controller tests
 * run it. In a package of its own, so that no other test application scans the controller.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ShopApplication {

}
