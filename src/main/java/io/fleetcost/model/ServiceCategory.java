package io.fleetcost.model;

/** The 19 FOCUS 1.2 ServiceCategory values. */
public enum ServiceCategory implements FocusValue {
  AI_AND_MACHINE_LEARNING("AI and Machine Learning"),
  ANALYTICS("Analytics"),
  BUSINESS_APPLICATIONS("Business Applications"),
  COMPUTE("Compute"),
  DATABASES("Databases"),
  DEVELOPER_TOOLS("Developer Tools"),
  MULTICLOUD("Multicloud"),
  IDENTITY("Identity"),
  INTEGRATION("Integration"),
  INTERNET_OF_THINGS("Internet of Things"),
  MANAGEMENT_AND_GOVERNANCE("Management and Governance"),
  MEDIA("Media"),
  MIGRATION("Migration"),
  MOBILE("Mobile"),
  NETWORKING("Networking"),
  SECURITY("Security"),
  STORAGE("Storage"),
  WEB("Web"),
  OTHER("Other");

  private final String focusName;

  ServiceCategory(String focusName) {
    this.focusName = focusName;
  }

  @Override
  public String focusName() {
    return focusName;
  }
}
