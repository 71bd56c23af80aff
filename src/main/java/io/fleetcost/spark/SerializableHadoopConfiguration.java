package io.fleetcost.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * Carries the driver's Hadoop configuration (file system settings and credentials set through
 * {@code spark.hadoop.*}) to the tasks that open files themselves.
 */
public final class SerializableHadoopConfiguration implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration configuration;

  public SerializableHadoopConfiguration(Configuration configuration) {
    this.configuration = configuration;
  }

  public Configuration get() {
    return configuration;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    configuration.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    configuration = new Configuration(false);
    configuration.readFields(in);
  }
}
